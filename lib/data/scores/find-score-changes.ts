import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { diffSnapshots, type SnapshotDiff } from "@/lib/checklist/diff-snapshots";
import { roundToTenth } from "@/lib/checklist/round-to-tenth";
import { parseStoredItemResult, type StoredItemRow } from "@/lib/data/checklist/parse-stored-item-result";
import { getDb } from "@/lib/db";
import { rebuildSnapshotScore, type SnapshotItemSummary } from "./rebuild-snapshot-score";

/** A score_snapshots row as json_agg gives it (taken_at as an ISO string). */
interface SnapshotJson {
  taken_at: string;
  score: number | null;
  risk_adjusted_score: number | null;
  coverage: number | null;
  items: SnapshotItemSummary[] | null;
  checklist_version: string;
}

/**
 * What changed between the account's two latest daily snapshots (diffSnapshots: fixed,
 * regressed, new resources, lost/gained coverage, accepted, acceptance expired...), or null
 * when it has fewer than two.
 *
 * Snapshots keep a summary per item, not full results, so both are rebuilt with
 * rebuildSnapshotScore; the newer one is the evaluation checklist_results holds, so its
 * items get their stored reasons, missing sources and acceptances for the "why" column.
 * The evidence lists (`refs`, most of the stored JSON) are left out in the query: a change's
 * "why" never names them. The headline before/after figures are the stored ones. A risk-adjusted change that kept
 * the status (one more accepted finding on a still-partial item) is not visible in a summary.
 */
export async function findScoreChanges(user: SessionUser, accountId: string): Promise<SnapshotDiff | null> {
  // One statement (one round trip): the two latest snapshots and the latest results, as JSON.
  const [row] = await getDb().$queryRaw<Array<{ snapshots: SnapshotJson[] | null; results: StoredItemRow[] | null }>>`
    SELECT (SELECT json_agg(s ORDER BY s.day DESC)
            FROM (SELECT day, taken_at, score, risk_adjusted_score, coverage, items, checklist_version
                  FROM score_snapshots
                  WHERE account_id = ${accountId} AND ${accountInScope(user.scope, "account_id")}
                  ORDER BY day DESC LIMIT 2) s) AS snapshots,
           (SELECT json_agg(json_build_object('item_id', item_id, 'domain', domain, 'status', status, 'passing', passing, 'total', total,
                                              'reason', reason, 'evidence', evidence - 'refs'))
            FROM checklist_results
            WHERE account_id = ${accountId} AND ${accountInScope(user.scope, "account_id")}) AS results`;
  const snapshots = row?.snapshots ?? [];
  const results = row?.results ?? [];
  const [after, before] = snapshots;
  if (!after || !before) return null;

  const latest = new Map(results.map((row) => [row.item_id, parseStoredItemResult(row)]));
  const summary = (row: SnapshotJson) => ({
    takenAt: new Date(row.taken_at),
    checklistVersion: row.checklist_version,
    items: row.items ?? [],
  });
  const diff = diffSnapshots(rebuildSnapshotScore(accountId, summary(before)), rebuildSnapshotScore(accountId, summary(after), latest));
  return {
    ...diff,
    score: figure(before.score, after.score),
    riskAdjustedScore: figure(before.risk_adjusted_score, after.risk_adjusted_score),
    coverage: figure(before.coverage, after.coverage),
    changes: diff.changes.map((change) =>
      change.kind === "accepted" && !latest.get(change.itemId)?.accepted
        ? { ...change, reason: "Risk accepted for individual findings or events." }
        : change,
    ),
  };
}

function figure(before: number | null, after: number | null): SnapshotDiff["score"] {
  return { before, after, delta: before === null || after === null ? null : roundToTenth(after - before) };
}
