"use client";

import type { ChangeKind } from "@/lib/checklist/diff-snapshots";
import { itemHref } from "../../../_components/account-links";
import { formatDelta } from "../../../_components/format";

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

/** One moved item: what a row shows. */
export interface ChangeRowData {
  itemId: string;
  title: string;
  kind: ChangeKind;
  reason: string;
  scoreImpact: number;
}

/**
 * The moved items, drawn from plain row data: a new checklist version moves every item at
 * once, and as a server-rendered tree each row's cells would travel twice (HTML and RSC
 * payload). Item links are plain anchors, as in the items table.
 */
export function ScoreChangesTable({ accountId, rows }: { accountId: string; rows: ChangeRowData[] }) {
  return (
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
        {rows.map((change) => {
          const kind = KIND_LABELS[change.kind];
          const points = formatDelta(change.scoreImpact);
          return (
            <tr key={`${change.itemId}:${change.kind}`}>
              <td>
                <a href={itemHref(accountId, change.itemId)}>{change.itemId}</a>
                <div className="small muted">{change.title}</div>
              </td>
              <td className="nowrap">
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
  );
}
