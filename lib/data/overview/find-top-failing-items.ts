import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import { getDb } from "@/lib/db";

export interface FailingItem {
  itemId: string;
  title: string;
  domain: string;
  severity: string;
  failing: number;
  partial: number;
  withData: number;
}

/**
 * Checklist items failing (or partly failing) in the most accounts the user may see.
 * PostgreSQL counts accounts per (item, status) over account_item_statuses, the narrow
 * per-account read model of the latest evaluation's results that a trigger on
 * checklist_results keeps (migration 1765500000000): one row per account, its items with a
 * result as two parallel arrays. The ranking is done here over those ~70 x 3 groups. Read
 * from checklist_results itself this was a scan of the wide table (each row carries its
 * evidence) at 24 ms of PostgreSQL time per overview request at 500 accounts, 4-5 ms now.
 */
export async function findTopFailingItems(user: SessionUser, limit = 8): Promise<FailingItem[]> {
  const groups = await getDb().$queryRaw<Array<{ item_id: string; status: "pass" | "fail" | "partial"; accounts: number }>>`
    SELECT u.item_id, u.status, count(*)::int AS accounts
    FROM account_item_statuses s
    CROSS JOIN LATERAL unnest(s.item_ids, s.statuses) AS u(item_id, status)
    WHERE s.account_id IN (SELECT id FROM accounts WHERE status <> 'data_only')
      AND ${accountInScope(user.scope, "s.account_id")}
    GROUP BY u.item_id, u.status`;
  const counted = new Map<string, { failing: number; partial: number; withData: number }>();
  for (const group of groups) {
    const counts = counted.get(group.item_id) ?? { failing: 0, partial: 0, withData: 0 };
    if (group.status === "fail") counts.failing += group.accounts;
    if (group.status === "partial") counts.partial += group.accounts;
    counts.withData += group.accounts;
    counted.set(group.item_id, counts);
  }
  // Item ids are ASCII ("IAM-05"): code-point order is the order the SQL gave before.
  const ranked = [...counted.entries()]
    .filter(([, counts]) => counts.failing + counts.partial > 0)
    .sort(([aId, a], [bId, b]) => b.failing - a.failing || b.partial - a.partial || (aId < bId ? -1 : aId > bId ? 1 : 0))
    .slice(0, limit);
  return ranked.map(([itemId, counts]) => {
    const item = CHECKLIST_ITEMS.find((candidate) => candidate.id === itemId);
    return {
      itemId,
      title: item?.title ?? itemId,
      domain: item?.domain ?? "unknown",
      severity: item?.severity ?? "unknown",
      failing: counts.failing,
      partial: counts.partial,
      withData: counts.withData,
    };
  });
}
