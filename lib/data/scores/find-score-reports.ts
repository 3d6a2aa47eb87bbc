import "server-only";
import type pg from "pg";
import type { AcceptanceRef, Domain, ItemStatus } from "@/lib/checklist/types";
import { parseStoredItemResult, type StoredItemRow } from "@/lib/data/checklist/parse-stored-item-result";

export interface ScoreReportItem {
  itemId: string;
  domain: Domain;
  status: ItemStatus;
  riskAdjustedStatus: ItemStatus;
  passing: number | null;
  total: number | null;
  reason: string;
  missingSources: string[];
  accepted: AcceptanceRef | null;
  /** `kind:id` of each record that decided the item. */
  evidence: string[];
}

export interface ScoreReport {
  accountId: string;
  name: string;
  /** null (with the scores) for an account never scored. */
  scoredAt: Date | null;
  score: number | null;
  riskAdjustedScore: number | null;
  coverage: number | null;
  checklistVersion: string | null;
  /** Oldest source read the score used; null before freshness was recorded. */
  evidenceAsOf: Date | null;
  /** "evidence as of ...", "imported as of ...", stale sources: what stands beside coverage. */
  evidence: string;
  sources: ScoreReportSource[];
  domains: Record<string, { score: number | null; riskAdjustedScore: number | null; coverage: number | null }> | null;
  items: ScoreReportItem[];
}

export interface ScoreReportSource {
  source: string;
  region: string;
  state: string;
  origin: string;
  asOf: string | null;
}

interface ScoreRow {
  account_id: string;
  name: string;
  taken_at: Date | null;
  score: number | null;
  risk_adjusted_score: number | null;
  coverage: number | null;
  domains: ScoreReport["domains"];
  checklist_version: string | null;
  evidence_as_of: Date | null;
  sources: ScoreReportSource[] | null;
}

/**
 * Every registered account's latest snapshot (or one account's, when `accountId` is
 * given) with each item's stored result: what `parapet scores` prints for scripts and CI
 * gates. Accounts known only from records are listed once they have a score (imports are
 * scored when they finish). A system read for the CLI (an
 * operator with database access), so no user scope applies.
 */
export async function findScoreReports(pool: pg.Pool, accountId: string | null): Promise<ScoreReport[]> {
  const accounts = await pool.query<ScoreRow>(
    `SELECT a.id AS account_id, a.name, s.taken_at, s.score, s.risk_adjusted_score, s.coverage, s.domains, s.checklist_version,
            s.evidence_as_of, s.sources
     FROM accounts a
     LEFT JOIN LATERAL (SELECT * FROM score_snapshots WHERE account_id = a.id ORDER BY day DESC LIMIT 1) s ON true
     WHERE (a.status <> 'data_only' OR s.taken_at IS NOT NULL) AND ($1::text IS NULL OR a.id = $1)
     ORDER BY a.id`,
    [accountId],
  );
  const items = await pool.query<StoredItemRow & { account_id: string }>(
    `SELECT account_id, item_id, domain, status, passing, total, reason, evidence FROM checklist_results
     WHERE ($1::text IS NULL OR account_id = $1) ORDER BY account_id, domain, item_id`,
    [accountId],
  );
  return accounts.rows.map((account) => ({
    accountId: account.account_id,
    name: account.name,
    scoredAt: account.taken_at,
    score: account.score,
    riskAdjustedScore: account.risk_adjusted_score,
    coverage: account.coverage,
    checklistVersion: account.checklist_version,
    evidenceAsOf: account.evidence_as_of,
    evidence: describeEvidence(account.sources ?? [], account.evidence_as_of),
    sources: account.sources ?? [],
    domains: account.domains,
    items: items.rows
      .filter((row) => row.account_id === account.account_id)
      .map(parseStoredItemResult)
      .map((item) => ({
        itemId: item.itemId,
        domain: item.domain,
        status: item.status,
        riskAdjustedStatus: item.riskAdjusted.status,
        passing: item.passing ?? null,
        total: item.total ?? null,
        reason: item.reason,
        missingSources: item.missingSources ?? [],
        accepted: item.accepted ?? null,
        evidence: item.evidence.map((ref) => `${ref.kind}:${ref.id}`),
      })),
  }));
}

/** "evidence as of ..." for collected sources, "imported as of <newest record>" for imported ones, and how many are stale. */
function describeEvidence(sources: ScoreReportSource[], evidenceAsOf: Date | null): string {
  if (sources.length === 0) return evidenceAsOf ? `evidence as of ${evidenceAsOf.toISOString()}` : "";
  const used = sources.filter((source) => source.state === "ok" || source.state === "disabled");
  const newestImport = used
    .filter((source) => source.origin === "imported" && source.asOf)
    .map((source) => source.asOf!)
    .sort()
    .pop();
  const parts: string[] = [];
  if (used.some((source) => source.origin === "collected"))
    parts.push(`evidence as of ${evidenceAsOf ? evidenceAsOf.toISOString() : "unknown"}`);
  if (newestImport) parts.push(`imported as of ${new Date(newestImport).toISOString()}`);
  const stale = sources.filter((source) => source.state === "stale").length;
  if (stale > 0) parts.push(`${stale} source(s) stale`);
  return parts.join(", ");
}
