import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import type { ItemStatus } from "@/lib/checklist/types";
import { getDb } from "@/lib/db";

export interface ChecklistPassRate {
  itemId: string;
  counts: Record<ItemStatus, number>;
  /** Accounts where an active acceptance turns a failure into a pass in the risk-adjusted view. */
  accepted: number;
}

/**
 * Per checklist item, how many of the user's accounts are in each status (latest results),
 * counted in one indexed GROUP BY. Accounts known only from imported records (data_only)
 * are left out, as on the overview.
 */
export async function findChecklistPassRates(user: SessionUser): Promise<Map<string, ChecklistPassRate>> {
  const rows = await getDb().$queryRaw<Array<{ item_id: string; status: ItemStatus; n: number; accepted: number }>>`
    SELECT c.item_id, c.status, count(*)::int AS n,
           count(*) FILTER (WHERE c.status IN ('fail', 'partial') AND c.evidence->'riskAdjusted'->>'status' = 'pass')::int AS accepted
    FROM checklist_results c JOIN accounts a ON a.id = c.account_id
    WHERE a.status <> 'data_only' AND ${accountInScope(user.scope, "c.account_id")}
    GROUP BY c.item_id, c.status`;
  const rates = new Map<string, ChecklistPassRate>();
  for (const row of rows) {
    const rate = rates.get(row.item_id) ?? {
      itemId: row.item_id,
      counts: { pass: 0, fail: 0, partial: 0, not_applicable: 0, no_data: 0 },
      accepted: 0,
    };
    rate.counts[row.status] = (rate.counts[row.status] ?? 0) + row.n;
    rate.accepted += row.accepted;
    rates.set(row.item_id, rate);
  }
  return rates;
}
