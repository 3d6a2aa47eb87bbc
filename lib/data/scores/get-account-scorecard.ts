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
}

/**
 * One account as its drill-down page shows it. Throws NOT_FOUND both when the account does
 * not exist and when the user may not see it (same answer, so ids cannot be probed); the
 * user's scope is part of every query's WHERE.
 */
export async function getAccountScorecard(user: SessionUser, accountId: string): Promise<AccountScorecard> {
  const db = getDb();
  const [accounts, runs, snapshots, results] = await Promise.all([
    db.$queryRaw<
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
      }>
    >`
      SELECT id, name, owner, status, status_error, regions, last_collected_at, tags, ou_path
      FROM accounts WHERE id = ${accountId} AND ${accountInScope(user.scope, "id")}`,
    db.$queryRaw<
      Array<{
        id: string;
        status: string;
        started_at: Date;
        finished_at: Date | null;
        error: string | null;
        problems: CollectionProblem[] | null;
      }>
    >`
      SELECT r.id::text, r.status, r.started_at, r.finished_at, r.error,
             (SELECT json_agg(json_build_object('region', s.region, 'source', s.source, 'status', s.status, 'errorCode', s.error_code, 'error', s.error)
                              ORDER BY s.status, s.region, s.source)
              FROM collection_steps s WHERE s.run_id = r.id AND s.status IN ('failed', 'disabled')) AS problems
      FROM collection_runs r
      WHERE r.account_id = ${accountId} AND ${accountInScope(user.scope, "r.account_id")}
      ORDER BY r.started_at DESC LIMIT 1`,
    db.$queryRaw<
      Array<{
        day: string;
        taken_at: Date;
        score: number | null;
        risk_adjusted_score: number | null;
        coverage: number | null;
        domains: Partial<Record<Domain, DomainScore>>;
        checklist_version: string;
        evidence_as_of: Date | null;
        sources: Array<Omit<ScoreSource, "asOf"> & { asOf: string | null }> | null;
      }>
    >`
      SELECT day::text, taken_at, score, risk_adjusted_score, coverage, domains, checklist_version, evidence_as_of, sources
      FROM score_snapshots
      WHERE account_id = ${accountId} AND ${accountInScope(user.scope, "account_id")}
      ORDER BY day DESC LIMIT 1`,
    db.$queryRaw<Array<StoredItemRow & { checklist_version: string; evaluated_at: Date }>>`
      SELECT item_id, domain, status, passing, total, reason, evidence - 'refs' AS evidence, checklist_version, evaluated_at
      FROM checklist_results
      WHERE account_id = ${accountId} AND ${accountInScope(user.scope, "account_id")}`,
  ]);
  const account = accounts[0];
  if (!account) throw new AppError("NOT_FOUND", "account not found");

  const run = runs[0];
  const snapshot = snapshots[0];
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
      ? { status: run.status, startedAt: run.started_at, finishedAt: run.finished_at, error: run.error, problems: run.problems ?? [] }
      : null,
    snapshot: snapshot
      ? {
          day: snapshot.day,
          takenAt: snapshot.taken_at,
          score: snapshot.score,
          riskAdjustedScore: snapshot.risk_adjusted_score,
          coverage: snapshot.coverage,
          domains: snapshot.domains ?? {},
          checklistVersion: snapshot.checklist_version,
          evidenceAsOf: snapshot.evidence_as_of,
          sources: (snapshot.sources ?? []).map((source) => ({ ...source, asOf: source.asOf ? new Date(source.asOf) : null })),
        }
      : null,
    score: rebuildScore(accountId, results),
  };
}

/** The evaluation's AccountScore, recomputed from its stored items (the score is a pure function of them). */
function rebuildScore(
  accountId: string,
  rows: Array<StoredItemRow & { checklist_version: string; evaluated_at: Date }>,
): AccountScore | null {
  const first = rows[0];
  if (!first) return null;
  const order = new Map(CHECKLIST_ITEMS.map((item, index) => [item.id, index]));
  const items = rows
    .map(parseStoredItemResult)
    .sort(
      (a, b) =>
        (order.get(a.itemId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.itemId) ?? Number.MAX_SAFE_INTEGER) ||
        a.itemId.localeCompare(b.itemId),
    );
  const evaluatedAt = rows.reduce((latest, row) => (row.evaluated_at > latest ? row.evaluated_at : latest), first.evaluated_at);
  return computeAccountScore(accountId, items, evaluatedAt, first.checklist_version);
}
