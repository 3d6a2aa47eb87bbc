import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

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
 * Checklist items failing (or partly failing) in the most accounts the user may see, not
 * counting data_only accounts. A user who sees every account reads the org journal
 * org_item_status_deltas (migration 1765600000000): the sum of its rows per item is the
 * count over every account, ~70 groups from a few hundred rows. Anyone else counts their
 * own accounts' rows of account_item_statuses, the narrow per-account read model of the
 * latest evaluation's results that a trigger on checklist_results keeps (migration
 * 1765500000000): one row per account, its items with a result as two parallel arrays (an
 * org-wide figure would count accounts they may not see). The ranking is done here over
 * the ~70 items. Read from checklist_results itself this was a scan of the wide table at
 * 24 ms of PostgreSQL time per overview request at 500 accounts; the per-account arrays
 * took 4 ms, the journal well under one.
 */
export async function findTopFailingItems(user: SessionUser, limit = 8): Promise<FailingItem[]> {
  const groups = await getDb().$queryRaw<Array<{ item_id: string; failing: number; partial: number; with_data: number }>>(
    user.scope.all
      ? Prisma.sql`
    SELECT item_id, sum(failing)::int AS failing, sum(partial)::int AS partial, sum(with_data)::int AS with_data
    FROM org_item_status_deltas
    GROUP BY item_id`
      : Prisma.sql`
    SELECT u.item_id, count(*) FILTER (WHERE u.status = 'fail')::int AS failing, count(*) FILTER (WHERE u.status = 'partial')::int AS partial,
           count(*)::int AS with_data
    FROM account_item_statuses s
    CROSS JOIN LATERAL unnest(s.item_ids, s.statuses) AS u(item_id, status)
    WHERE s.counted AND ${accountInScope(user.scope, "s.account_id")}
    GROUP BY u.item_id`,
  );
  const counted = new Map(
    groups.map((group) => [group.item_id, { failing: group.failing, partial: group.partial, withData: group.with_data }]),
  );
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
