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

/** Checklist items failing (or partly failing) in the most accounts the user may see. */
export async function findTopFailingItems(user: SessionUser, limit = 8): Promise<FailingItem[]> {
  const rows = await getDb().$queryRaw<Array<{ item_id: string; failing: number; partial: number; with_data: number }>>`
    SELECT r.item_id,
           count(*) FILTER (WHERE r.status = 'fail')::int AS failing,
           count(*) FILTER (WHERE r.status = 'partial')::int AS partial,
           count(*) FILTER (WHERE r.status IN ('pass', 'fail', 'partial'))::int AS with_data
    FROM checklist_results r
    JOIN accounts a ON a.id = r.account_id
    WHERE a.status <> 'data_only' AND ${accountInScope(user.scope, "r.account_id")}
    GROUP BY r.item_id
    HAVING count(*) FILTER (WHERE r.status IN ('fail', 'partial')) > 0
    ORDER BY count(*) FILTER (WHERE r.status = 'fail') DESC, count(*) FILTER (WHERE r.status = 'partial') DESC, r.item_id
    LIMIT ${limit}`;
  return rows.map((row) => {
    const item = CHECKLIST_ITEMS.find((candidate) => candidate.id === row.item_id);
    return {
      itemId: row.item_id,
      title: item?.title ?? row.item_id,
      domain: item?.domain ?? "unknown",
      severity: item?.severity ?? "unknown",
      failing: row.failing,
      partial: row.partial,
      withData: row.with_data,
    };
  });
}
