import "server-only";
import type { SessionUser } from "@/lib/auth";
import type { Domain } from "@/lib/checklist/types";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";
import { toDomainCells } from "@/lib/data/overview/to-domain-cells";

/** One cell of the accounts x domains heat map. */
export interface DomainCell {
  score: number | null;
  coverage: number | null;
}

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
  /** Status of the latest collection run (running | succeeded | partial | failed), null before the first. */
  lastRunStatus: string | null;
  /** Day of the latest snapshot (YYYY-MM-DD), null before the first score. */
  scoredDay: string | null;
  /** Score of the latest snapshot at least 7 days older than the latest one ("last week"). */
  weekAgoScore: number | null;
  /** Per-domain score and coverage of the latest snapshot (heat map). */
  domains: Partial<Record<Domain, DomainCell>>;
  /** Oldest source read the latest score used. */
  evidenceAsOf: Date | null;
  /** Newest imported record behind the latest score, when any source was imported ("imported as of"). */
  importedAsOf: Date | null;
  /** Sources the latest score counted as missing because they were older than the age limit. */
  staleSources: number;
}

/**
 * One row per account the user may see: latest score and coverage, active findings by
 * severity, and the failures of its latest collection. Everything but the collection status
 * comes from account_latest_scores, the read model of each account's latest daily snapshot
 * that a trigger keeps in the scoring transaction (migration 1765400000000): narrow columns,
 * with the heat map cells, the imported-as-of time, the stale sources and last week's score
 * precomputed, so a request reads one small row per account whatever the number of findings
 * or days. Its finding counts are those of the moment it was scored, the collection's last
 * step. The latest collection run and its failed steps change outside scoring, so they are
 * read live. Security Hub copies of GuardDuty findings (linked_guardduty_id set) are not
 * counted: the GuardDuty record is. Accounts known only from imported records are listed
 * once they have been scored. The overview page does not read this whole: it asks
 * PostgreSQL for its tiles, short lists and one page of each table over the same set
 * (select-overview-accounts.ts).
 */
export async function findAccountOverview(user: SessionUser): Promise<AccountOverviewRow[]> {
  const rows = await getDb().$queryRaw<
    Array<
      Omit<AccountOverviewRow, "score" | "riskAdjustedScore" | "coverage" | "evidenceAsOf" | "importedAsOf" | "staleSources"> & {
        score: number | null;
        risk_adjusted_score: number | null;
        coverage: number | null;
        status_error: string | null;
        last_collected_at: Date | null;
        failed_steps: number;
        last_run_status: string | null;
        day: Date | null;
        week_ago_score: number | null;
        domains: Record<string, { score?: number | null; coverage?: number | null }> | null;
        evidence_as_of: Date | null;
        imported_as_of: Date | null;
        stale_sources: number | null;
      }
    >
  >`
    SELECT a.id, a.name, a.status, a.status_error, a.last_collected_at,
           s.score, s.risk_adjusted_score, s.coverage, s.day, s.domain_cells AS domains, s.week_ago_score, s.evidence_as_of,
           s.imported_as_of, s.stale_sources,
           COALESCE(s.active_critical, 0)::int AS critical, COALESCE(s.active_high, 0)::int AS high,
           COALESCE(s.active_medium, 0)::int AS medium, COALESCE(s.active_low, 0)::int AS low,
           COALESCE(s.active_informational, 0)::int AS informational,
           COALESCE(r.failed_steps, 0)::int AS failed_steps, lr.status AS last_run_status
    FROM accounts a
    LEFT JOIN account_latest_scores s ON s.account_id = a.id
    LEFT JOIN LATERAL (
      SELECT id, status FROM collection_runs WHERE account_id = a.id ORDER BY started_at DESC LIMIT 1
    ) lr ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS failed_steps FROM collection_steps WHERE run_id = lr.id AND status = 'failed'
    ) r ON true
    WHERE (a.status <> 'data_only' OR s.account_id IS NOT NULL) AND ${accountInScope(user.scope, "a.id")}
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
    lastRunStatus: row.last_run_status,
    scoredDay: row.day ? row.day.toISOString().slice(0, 10) : null,
    weekAgoScore: row.week_ago_score === null ? null : Number(row.week_ago_score),
    domains: toDomainCells(row.domains),
    evidenceAsOf: row.evidence_as_of,
    importedAsOf: row.imported_as_of,
    staleSources: row.stale_sources ?? 0,
  }));
}
