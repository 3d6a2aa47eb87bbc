import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { computeAccountScore } from "@/lib/checklist/compute-account-score";
import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import type { AccountScore, Domain, DomainScore, ScoreSource } from "@/lib/checklist/types";
import { parseStoredItemResult, type StoredItemRow } from "@/lib/data/checklist/parse-stored-item-result";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface AccountHeader {
  id: string;
  name: string;
  owner: string | null;
  status: string;
  statusError: string | null;
  regions: string[];
  lastCollectedAt: Date | null;
  /** key -> value, from Organizations discovery and admins' edits. */
  tags: Record<string, string>;
  /** Organizations path, root first; null until discovered. */
  ouPath: string | null;
}

export interface CollectionProblem {
  region: string;
  source: string;
  status: string;
  errorCode: string | null;
  error: string | null;
}

export interface LatestRun {
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
  /** Steps (region x source) of that run that failed or found the source disabled. */
  problems: CollectionProblem[];
}

export interface StoredSnapshot {
  day: string;
  takenAt: Date;
  score: number | null;
  riskAdjustedScore: number | null;
  coverage: number | null;
  domains: Partial<Record<Domain, DomainScore>>;
  checklistVersion: string;
  /** Oldest source read the score used; null for snapshots taken before freshness was recorded. */
  evidenceAsOf: Date | null;
  sources: ScoreSource[];
}

export interface AccountScorecard {
  account: AccountHeader;
  latestRun: LatestRun | null;
  /** The latest daily snapshot, as stored: the figures the overview and reports show. */
  snapshot: StoredSnapshot | null;
  /**
   * The latest evaluation rebuilt from checklist_results (statuses, reasons, missing sources,
   * acceptances); null before the first scoring. The items' evidence lists are left out
   * (`evidence` is empty): they are most of the stored JSON (about 4 KiB an item, thousands of
   * refs an account), the page shows none of them, and the item page reads its own.
   */
  score: AccountScore | null;
  /**
   * One point per daily snapshot of the last 90 days, oldest first, as [day, score,
   * risk-adjusted score, coverage]: findScoreHistory's points in the trend chart's shape.
   */
  trend: ScoreTrendPoint[];
}

/** yyyy-mm-dd (UTC day of the snapshot), score, risk-adjusted score, coverage. */
export type ScoreTrendPoint = [day: string, score: number | null, riskAdjustedScore: number | null, coverage: number | null];

/** Days of snapshots in `trend` (findScoreHistory's default). */
const TREND_DAYS = 90;

/** The latest run as the statement's json_build_object gives it (timestamps as ISO strings). */
interface RunJson {
  status: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  problems: CollectionProblem[] | null;
}

/** The latest snapshot as the statement's json_build_object gives it. */
interface SnapshotJson {
  day: string;
  takenAt: string;
  score: number | null;
  riskAdjustedScore: number | null;
  coverage: number | null;
  domains: Partial<Record<Domain, DomainScore>> | null;
  checklistVersion: string;
  evidenceAsOf: string | null;
  sources: Array<Omit<ScoreSource, "asOf"> & { asOf: string | null }> | null;
}

/**
 * One account as its drill-down page shows it. Throws NOT_FOUND both when the account does
 * not exist and when the user may not see it (same answer, so ids cannot be probed); the
 * user's scope is part of the WHERE, and the latest run, snapshot and results are read only
 * for the account row that passed it.
 *
 * One statement: the run, the snapshot, the results and the trend come back as JSON columns of the
 * account's row, so a page view pays one round trip and one result mapping instead of four,
 * and 67 result rows cost one JSON.parse instead of a row each through the driver.
 */
export async function getAccountScorecard(user: SessionUser, accountId: string): Promise<AccountScorecard> {
  const rows = await getDb().$queryRaw<
    Array<{
      id: string;
      name: string;
      owner: string | null;
      status: string;
      status_error: string | null;
      regions: string[];
      last_collected_at: Date | null;
      tags: Record<string, string> | null;
      ou_path: string | null;
      run: RunJson | null;
      snapshot: SnapshotJson | null;
      results: StoredItemRow[] | null;
      checklist_version: string | null;
      evaluated_at: Date | null;
      trend: ScoreTrendPoint[] | null;
    }>
  >`
    SELECT a.id, a.name, a.owner, a.status, a.status_error, a.regions, a.last_collected_at, a.tags, a.ou_path,
           (SELECT json_build_object('status', r.status, 'startedAt', r.started_at, 'finishedAt', r.finished_at, 'error', r.error,
                     'problems', (SELECT json_agg(json_build_object('region', s.region, 'source', s.source, 'status', s.status,
                                                                    'errorCode', s.error_code, 'error', s.error)
                                                  ORDER BY s.status, s.region, s.source)
                                  FROM collection_steps s WHERE s.run_id = r.id AND s.status IN ('failed', 'disabled')))
            FROM collection_runs r WHERE r.account_id = a.id ORDER BY r.started_at DESC LIMIT 1) AS run,
           (SELECT json_build_object('day', ss.day::text, 'takenAt', ss.taken_at, 'score', ss.score, 'riskAdjustedScore', ss.risk_adjusted_score,
                     'coverage', ss.coverage, 'domains', ss.domains, 'checklistVersion', ss.checklist_version,
                     'evidenceAsOf', ss.evidence_as_of, 'sources', ss.sources)
            FROM score_snapshots ss WHERE ss.account_id = a.id ORDER BY ss.day DESC LIMIT 1) AS snapshot,
           -- The evidence lists (refs) are most of the stored JSON and the page shows none of them.
           (SELECT json_agg(json_build_object('item_id', c.item_id, 'domain', c.domain, 'status', c.status, 'passing', c.passing,
                     'total', c.total, 'reason', c.reason, 'evidence', c.evidence - 'refs'))
            FROM checklist_results c WHERE c.account_id = a.id) AS results,
           (SELECT c.checklist_version FROM checklist_results c WHERE c.account_id = a.id LIMIT 1) AS checklist_version,
           (SELECT max(c.evaluated_at) FROM checklist_results c WHERE c.account_id = a.id) AS evaluated_at,
           (SELECT json_agg(json_build_array(h.day::text, h.score, h.risk_adjusted_score, h.coverage) ORDER BY h.day)
            FROM score_snapshots h
            WHERE h.account_id = a.id AND h.day > (now() AT TIME ZONE 'UTC')::date - ${TREND_DAYS}::int) AS trend
    FROM accounts a
    WHERE a.id = ${accountId} AND ${accountInScope(user.scope, "a.id")}`;
  const account = rows[0];
  if (!account) throw new AppError("NOT_FOUND", "account not found");

  const { run, snapshot } = account;
  return {
    account: {
      id: account.id,
      name: account.name,
      owner: account.owner,
      status: account.status,
      statusError: account.status_error,
      regions: account.regions ?? [],
      lastCollectedAt: account.last_collected_at,
      tags: account.tags ?? {},
      ouPath: account.ou_path,
    },
    latestRun: run
      ? {
          status: run.status,
          startedAt: new Date(run.startedAt),
          finishedAt: run.finishedAt ? new Date(run.finishedAt) : null,
          error: run.error,
          problems: run.problems ?? [],
        }
      : null,
    snapshot: snapshot
      ? {
          day: snapshot.day,
          takenAt: new Date(snapshot.takenAt),
          score: snapshot.score,
          riskAdjustedScore: snapshot.riskAdjustedScore,
          coverage: snapshot.coverage,
          domains: snapshot.domains ?? {},
          checklistVersion: snapshot.checklistVersion,
          evidenceAsOf: snapshot.evidenceAsOf ? new Date(snapshot.evidenceAsOf) : null,
          sources: (snapshot.sources ?? []).map((source) => ({ ...source, asOf: source.asOf ? new Date(source.asOf) : null })),
        }
      : null,
    score:
      account.results && account.checklist_version !== null && account.evaluated_at !== null
        ? rebuildScore(accountId, account.results, account.evaluated_at, account.checklist_version)
        : null,
    trend: account.trend ?? [],
  };
}

/** The evaluation's AccountScore, recomputed from its stored items (the score is a pure function of them). */
function rebuildScore(accountId: string, rows: StoredItemRow[], evaluatedAt: Date, checklistVersion: string): AccountScore {
  const order = new Map(CHECKLIST_ITEMS.map((item, index) => [item.id, index]));
  const items = rows
    .map(parseStoredItemResult)
    .sort(
      (a, b) =>
        (order.get(a.itemId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.itemId) ?? Number.MAX_SAFE_INTEGER) ||
        a.itemId.localeCompare(b.itemId),
    );
  return computeAccountScore(accountId, items, evaluatedAt, checklistVersion);
}
