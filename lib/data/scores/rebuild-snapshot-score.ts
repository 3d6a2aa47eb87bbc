import { computeAccountScore } from "@/lib/checklist/compute-account-score";
import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import { type AccountScore, type AdjustedStatus, type ItemResult, type ItemStatus, SEVERITY_WEIGHT } from "@/lib/checklist/types";

/** The per-item summary a score_snapshots row keeps (see save-account-score.ts). */
export interface SnapshotItemSummary {
  itemId: string;
  status: ItemStatus;
  passing: number | null;
  total: number | null;
  riskAdjusted: ItemStatus;
}

export interface SnapshotSummary {
  takenAt: Date;
  checklistVersion: string;
  items: SnapshotItemSummary[];
}

/**
 * A snapshot's item summaries back into an AccountScore that diffSnapshots can compare,
 * using the current checklist's domains and weights. `details` (the stored results of the
 * same evaluation, when known) adds reasons, missing sources and item-wide acceptances.
 * Items no longer on the checklist are skipped. The summary keeps only the risk-adjusted
 * status, so its counts are the raw ones when the status is unchanged, and all passing
 * when an acceptance turned the item into a pass.
 */
export function rebuildSnapshotScore(
  accountId: string,
  snapshot: SnapshotSummary,
  details: ReadonlyMap<string, ItemResult> = new Map(),
): AccountScore {
  const definitions = new Map(CHECKLIST_ITEMS.map((item) => [item.id, item]));
  const items: ItemResult[] = [];
  for (const summary of snapshot.items) {
    const definition = definitions.get(summary.itemId);
    if (!definition) continue;
    const detail = details.get(summary.itemId);
    const item: ItemResult = {
      itemId: summary.itemId,
      domain: definition.domain,
      severity: definition.severity,
      weight: SEVERITY_WEIGHT[definition.severity],
      status: summary.status,
      reason: detail?.reason ?? "",
      evidence: [],
      riskAdjusted: adjustedStatus(summary),
    };
    if (summary.passing !== null) item.passing = summary.passing;
    if (summary.total !== null) item.total = summary.total;
    if (detail?.missingSources) item.missingSources = detail.missingSources;
    if (detail?.accepted) item.accepted = detail.accepted;
    items.push(item);
  }
  return computeAccountScore(accountId, items, snapshot.takenAt, snapshot.checklistVersion);
}

function adjustedStatus(summary: SnapshotItemSummary): AdjustedStatus {
  const status: AdjustedStatus = { status: summary.riskAdjusted };
  if (summary.total === null) return status;
  if (summary.riskAdjusted === summary.status) return { ...status, passing: summary.passing ?? 0, total: summary.total };
  if (summary.riskAdjusted === "pass") return { ...status, passing: summary.total, total: summary.total };
  return status;
}
