import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";

export interface AccountOverviewRow {
  id: string;
  name: string;
  status: string;
  statusError: string | null;
  lastCollectedAt: Date | null;
  score: number | null;
  riskAdjustedScore: number | null;
  coverage: number | null;
  critical: number;
  high: number;
  medium: number;
  low: number;
  informational: number;
  failedSteps: number;
}

/**
 * One row per account the user may see: latest score and coverage, active findings by
 * severity, and the failures of its latest collection. Security Hub copies of GuardDuty
 * findings (linked_guardduty_id set) are not counted: the GuardDuty record is.
 */
export async function findAccountOverview(user: SessionUser): Promise<AccountOverviewRow[]> {
  const rows = await getDb().$queryRaw<Array<Omit<AccountOverviewRow, "score" | "riskAdjustedScore" | "coverage"> & { score: number | null; risk_adjusted_score: number | null; coverage: number | null; status_error: string | null; last_collected_at: Date | null; failed_steps: number }>>`
    SELECT a.id, a.name, a.status, a.status_error, a.last_collected_at,
           s.score, s.risk_adjusted_score, s.coverage,
           COALESCE(f.critical, 0)::int AS critical, COALESCE(f.high, 0)::int AS high,
           COALESCE(f.medium, 0)::int AS medium, COALESCE(f.low, 0)::int AS low,
           COALESCE(f.informational, 0)::int AS informational,
           COALESCE(r.failed_steps, 0)::int AS failed_steps
    FROM accounts a
    LEFT JOIN LATERAL (
      SELECT score, risk_adjusted_score, coverage FROM score_snapshots
      WHERE account_id = a.id ORDER BY day DESC LIMIT 1
    ) s ON true
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE severity_label = 'CRITICAL') AS critical,
             count(*) FILTER (WHERE severity_label = 'HIGH') AS high,
             count(*) FILTER (WHERE severity_label = 'MEDIUM') AS medium,
             count(*) FILTER (WHERE severity_label = 'LOW') AS low,
             count(*) FILTER (WHERE severity_label = 'INFORMATIONAL') AS informational
      FROM findings
      WHERE account_id = a.id AND status = 'active' AND linked_guardduty_id IS NULL
        AND (compliance_status IS NULL OR compliance_status <> 'PASSED')
    ) f ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS failed_steps FROM collection_steps
      WHERE run_id = (SELECT id FROM collection_runs WHERE account_id = a.id ORDER BY started_at DESC LIMIT 1)
        AND status = 'failed'
    ) r ON true
    WHERE a.status <> 'data_only' AND ${accountInScope(user.scope, "a.id")}
    ORDER BY s.score ASC NULLS FIRST, a.name ASC`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    statusError: row.status_error,
    lastCollectedAt: row.last_collected_at,
    score: row.score,
    riskAdjustedScore: row.risk_adjusted_score,
    coverage: row.coverage,
    critical: row.critical,
    high: row.high,
    medium: row.medium,
    low: row.low,
    informational: row.informational,
    failedSteps: row.failed_steps,
  }));
}
