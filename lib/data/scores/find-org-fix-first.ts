import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { roundToTenth } from "@/lib/checklist/round-to-tenth";
import type { Domain, Severity } from "@/lib/checklist/types";
import { getDb } from "@/lib/db";

export interface OrgFixFirstRow {
  itemId: string;
  domain: Domain;
  severity: Severity;
  /** Points the pooled org risk-adjusted score gains if the item passes in every account, 1 decimal. */
  uplift: number;
  /** Accounts where the item fails or is partial (risk-adjusted). */
  accountCount: number;
  /** The accounts that would gain most, biggest first (at most 5). */
  topAccounts: Array<{ accountId: string; name: string; uplift: number }>;
}

/**
 * Org-wide "fix first" over the stored results of every account the user can see: the SQL
 * form of rankOrgFixFirst (lib/checklist/rank-org-fix-first.ts), so hundreds of accounts are
 * not loaded into memory.
 *
 *   uplift(item) = 100 * Σ_accounts weight * (1 - riskAdjustedCredit) / Σ_accounts weightWithData
 *
 * over failing and partial items in the risk-adjusted view (accepted risks are not asked for
 * again). Ties: heavier weight, then item id.
 */
export async function findOrgFixFirst(user: SessionUser, limit = 15): Promise<OrgFixFirstRow[]> {
  const rows = await getDb().$queryRaw<
    Array<{
      item_id: string;
      domain: Domain;
      severity: Severity;
      weight: number;
      lost: number;
      denominator: number;
      account_count: number;
      top_accounts: Array<{ accountId: string; name: string; lost: number; weightWithData: number }>;
    }>
  >`
    WITH visible AS (
      SELECT c.account_id, a.name, c.item_id, c.domain, c.status, c.evidence,
             (c.evidence->>'weight')::float8 AS weight,
             c.evidence->'riskAdjusted' AS adjusted
      FROM checklist_results c JOIN accounts a ON a.id = c.account_id
      WHERE a.status <> 'data_only' AND ${accountInScope(user.scope, "c.account_id")}
    ),
    with_data AS (
      SELECT account_id, sum(weight) FILTER (WHERE status IN ('pass', 'partial', 'fail')) AS weight_with_data
      FROM visible GROUP BY account_id
    ),
    lost AS (
      SELECT v.item_id, v.domain, v.evidence->>'severity' AS severity, v.weight, v.account_id, v.name, w.weight_with_data,
             v.weight * (1 - CASE WHEN v.adjusted->>'status' = 'partial' AND (v.adjusted->>'total')::float8 > 0
                                  THEN (v.adjusted->>'passing')::float8 / (v.adjusted->>'total')::float8 ELSE 0 END) AS lost
      FROM visible v JOIN with_data w USING (account_id)
      WHERE v.adjusted->>'status' IN ('fail', 'partial')
    ),
    ranked AS (
      SELECT item_id, max(domain) AS domain, max(severity) AS severity, max(weight) AS weight, sum(lost) AS lost, count(*)::int AS account_count,
             (array_agg(json_build_object('accountId', account_id, 'name', name, 'lost', lost, 'weightWithData', weight_with_data)
                        ORDER BY lost / NULLIF(weight_with_data, 0) DESC, account_id))[1:5] AS top_accounts
      FROM lost GROUP BY item_id
    )
    SELECT r.item_id, r.domain, r.severity, r.weight, r.lost, r.account_count, to_json(r.top_accounts) AS top_accounts,
           (SELECT COALESCE(sum(weight_with_data), 0) FROM with_data)::float8 AS denominator
    FROM ranked r
    ORDER BY r.lost DESC, r.weight DESC, r.item_id
    LIMIT ${limit}`;
  return rows
    .filter((row) => row.denominator > 0)
    .map((row) => ({
      itemId: row.item_id,
      domain: row.domain,
      severity: row.severity,
      uplift: roundToTenth((100 * row.lost) / row.denominator),
      accountCount: row.account_count,
      topAccounts: (row.top_accounts ?? []).map((account) => ({
        accountId: account.accountId,
        name: account.name,
        uplift: account.weightWithData > 0 ? roundToTenth((100 * account.lost) / account.weightWithData) : 0,
      })),
    }));
}
