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
  /** Oldest source read the latest score used. */
  evidenceAsOf: Date | null;
  /** Newest imported record behind the latest score, when any source was imported ("imported as of"). */
  importedAsOf: Date | null;
  /** Sources the latest score counted as missing because they were older than the age limit. */
  staleSources: number;
}

/**
 * One row per account the user may see: latest score and coverage, active findings by
 * severity, and the failures of its latest collection. Security Hub copies of GuardDuty
 * findings (linked_guardduty_id set) are not counted: the GuardDuty record is. Accounts
 * known only from imported records are listed once they have been scored.
 */
export async function findAccountOverview(user: SessionUser): Promise<AccountOverviewRow[]> {
  const rows = await getDb().$queryRaw<Array<Omit<AccountOverviewRow, "score" | "riskAdjustedScore" | "coverage" | "evidenceAsOf" | "importedAsOf" | "staleSources"> & { score: number | null; risk_adjusted_score: number | null; coverage: number | null; status_error: string | null; last_collected_at: Date | null; failed_steps: number; evidence_as_of: Date | null; imported_as_of: string | null; stale_sources: number | null }>>`
    SELECT a.id, a.name, a.status, a.status_error, a.last_collected_at,
           s.score, s.risk_adjusted_score, s.coverage, s.evidence_as_of,
           (SELECT max(src->>'asOf') FROM jsonb_array_elements(s.sources) src WHERE src->>'origin' = 'imported' AND src->>'state' = 'ok') AS imported_as_of,
           (SELECT count(*) FROM jsonb_array_elements(s.sources) src WHERE src->>'state' = 'stale')::int AS stale_sources,
           COALESCE(f.critical, 0)::int AS critical, COALESCE(f.high, 0)::int AS high,
           COALESCE(f.medium, 0)::int AS medium, COALESCE(f.low, 0)::int AS low,
           COALESCE(f.informational, 0)::int AS informational,
           COALESCE(r.failed_steps, 0)::int AS failed_steps
    FROM accounts a
    LEFT JOIN LATERAL (
      SELECT taken_at, score, risk_adjusted_score, coverage, evidence_as_of, sources FROM score_snapshots
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
    WHERE (a.status <> 'data_only' OR s.taken_at IS NOT NULL) AND ${accountInScope(user.scope, "a.id")}
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
    evidenceAsOf: row.evidence_as_of,
    importedAsOf: row.imported_as_of ? new Date(row.imported_as_of) : null,
    staleSources: row.stale_sources ?? 0,
  }));
}
