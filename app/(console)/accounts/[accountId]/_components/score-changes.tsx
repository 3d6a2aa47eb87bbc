import type { SnapshotDiff } from "@/lib/checklist/diff-snapshots";
import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import { formatDelta, formatTime } from "../../../_components/format";
import { ScoreChangesTable } from "./score-changes-table";
import { pickShownChanges } from "./shown-changes";

export function ScoreChanges({
  accountId,
  diff,
  showAll,
  showAllHref,
}: {
  accountId: string;
  diff: SnapshotDiff | null;
  /** Every moved item (`?changes=all`), not only the largest (see pickShownChanges). */
  showAll: boolean;
  /** This page with `changes=all`, its other parameters kept. */
  showAllHref: string;
}) {
  if (!diff) return <p className="muted">Only one snapshot so far: changes show from the second day of scoring.</p>;
  const titles = new Map(CHECKLIST_ITEMS.map((item) => [item.id, item.title]));
  const score = formatDelta(diff.score.delta);
  const adjusted = formatDelta(diff.riskAdjustedScore.delta);
  const coverage = formatDelta(diff.coverage.delta);
  const { shown, hidden } = pickShownChanges(diff.changes, showAll);
  return (
    <div data-testid="score-changes">
      <p className="small muted">
        {formatTime(diff.from)} → {formatTime(diff.to)}: score <span className={score.className}>{score.text}</span>, risk-adjusted{" "}
        <span className={adjusted.className}>{adjusted.text}</span>, coverage <span className={coverage.className}>{coverage.text}</span>
        {diff.checklistVersionChanged ? " (checklist version changed: item comparisons are best effort)" : ""}
      </p>
      {diff.changes.length === 0 ? (
        <p className="muted">No item moved.</p>
      ) : (
        <ScoreChangesTable
          accountId={accountId}
          rows={shown.map((change) => ({
            itemId: change.itemId,
            title: titles.get(change.itemId) ?? "",
            kind: change.kind,
            reason: change.reason,
            scoreImpact: change.scoreImpact,
          }))}
        />
      )}
      {hidden > 0 ? (
        <p className="small" data-testid="more-changes">
          {`The ${shown.length} largest of ${diff.changes.length} moved items. `}
          <a href={showAllHref}>{`Show all ${diff.changes.length}`}</a>
        </p>
      ) : null}
    </div>
  );
}
