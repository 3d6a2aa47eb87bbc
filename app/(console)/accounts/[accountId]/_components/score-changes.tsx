import Link from "next/link";
import type { ChangeKind, SnapshotDiff } from "@/lib/checklist/diff-snapshots";
import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import { itemHref } from "../../../_components/account-links";
import { formatDelta, formatTime } from "../../../_components/format";

const KIND_LABELS: Record<ChangeKind, { label: string; className: string }> = {
  fixed: { label: "fixed", className: "badge status-pass" },
  regressed: { label: "regressed", className: "badge status-fail" },
  new_resources: { label: "new resources", className: "badge status-fail" },
  lost_coverage: { label: "lost coverage", className: "badge status-no_data" },
  gained_coverage: { label: "gained coverage", className: "badge ok" },
  now_applicable: { label: "now applicable", className: "badge" },
  no_longer_applicable: { label: "no longer applicable", className: "badge" },
  accepted: { label: "accepted", className: "badge accepted" },
  acceptance_expired: { label: "acceptance ended", className: "badge status-partial" },
  added_to_checklist: { label: "added to checklist", className: "badge" },
  removed_from_checklist: { label: "removed from checklist", className: "badge" },
};

export function ScoreChanges({ accountId, diff }: { accountId: string; diff: SnapshotDiff | null }) {
  if (!diff) return <p className="muted">Only one snapshot so far: changes show from the second day of scoring.</p>;
  const titles = new Map(CHECKLIST_ITEMS.map((item) => [item.id, item.title]));
  const score = formatDelta(diff.score.delta);
  const adjusted = formatDelta(diff.riskAdjustedScore.delta);
  const coverage = formatDelta(diff.coverage.delta);
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
        <table>
          <thead>
            <tr>
              <th>Item</th>
              <th>Change</th>
              <th>Why</th>
              <th className="num">Points</th>
            </tr>
          </thead>
          <tbody>
            {diff.changes.map((change) => {
              const kind = KIND_LABELS[change.kind];
              const points = formatDelta(change.scoreImpact);
              return (
                <tr key={`${change.itemId}:${change.kind}`}>
                  <td>
                    <Link href={itemHref(accountId, change.itemId)}>{change.itemId}</Link>
                    <div className="small muted">{titles.get(change.itemId)}</div>
                  </td>
                  <td style={{ whiteSpace: "nowrap" }}>
                    <span className={kind.className}>{kind.label}</span>
                  </td>
                  <td className="small">{change.reason}</td>
                  <td className="num">
                    <span className={points.className}>{points.text}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
