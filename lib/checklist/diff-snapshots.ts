import { compareText } from "./compare-text";
import { computeItemCredit } from "./compute-item-credit";
import { roundToTenth } from "./round-to-tenth";
import type { AccountScore, AdjustedStatus, Domain, ItemResult } from "./types";

export type ChangeKind =
  | "fixed" //                 credit went up (fail -> partial/pass, more resources passing)
  | "regressed" //             credit went down on the same or fewer resources
  | "new_resources" //         credit went down because new failing resources appeared
  | "lost_coverage" //         had data, now no_data
  | "gained_coverage" //       was no_data, now has data
  | "now_applicable" //        service started being used
  | "no_longer_applicable" //  service no longer used
  | "accepted" //              risk-adjusted view improved by a new acceptance
  | "acceptance_expired" //    risk-adjusted view worsened because an acceptance ended
  | "added_to_checklist"
  | "removed_from_checklist";

export interface ItemChange {
  itemId: string;
  domain: Domain;
  kind: ChangeKind;
  before: AdjustedStatus | null;
  after: AdjustedStatus | null;
  /** Change of this item's contribution to the overall raw score, in points (1 decimal). */
  scoreImpact: number;
  reason: string;
}

export interface SnapshotDiff {
  accountId: string;
  from: Date;
  to: Date;
  /** Item-level comparisons across checklist versions are best effort: ids are never reused, but rules may differ. */
  checklistVersionChanged: boolean;
  score: { before: number | null; after: number | null; delta: number | null };
  riskAdjustedScore: { before: number | null; after: number | null; delta: number | null };
  coverage: { before: number | null; after: number | null; delta: number | null };
  changes: ItemChange[];
}

/**
 * What changed between two snapshots of one account, item by item, and why. An item can
 * appear twice: once for its raw change and once for an acceptance change. Ordered by the
 * size of the score impact, then item id, so the biggest movers come first.
 */
export function diffSnapshots(before: AccountScore, after: AccountScore): SnapshotDiff {
  const beforeItems = new Map(before.items.map((item) => [item.itemId, item]));
  const afterItems = new Map(after.items.map((item) => [item.itemId, item]));
  const itemIds = [...new Set([...afterItems.keys(), ...beforeItems.keys()])];
  const contribution = (account: AccountScore, item: ItemResult | undefined): number => {
    const credit = item ? computeItemCredit(item) : null;
    return item && credit !== null && account.weightWithData > 0 ? (100 * item.weight * credit) / account.weightWithData : 0;
  };

  const changes: ItemChange[] = [];
  for (const itemId of itemIds) {
    const b = beforeItems.get(itemId);
    const a = afterItems.get(itemId);
    const domain = (a ?? b)!.domain;
    const scoreImpact = roundToTenth(contribution(after, a) - contribution(before, b));
    const push = (kind: ChangeKind, reason: string) =>
      changes.push({ itemId, domain, kind, before: b ? statusOf(b) : null, after: a ? statusOf(a) : null, scoreImpact, reason });

    const rawKind = classifyRawChange(b, a);
    if (rawKind) push(rawKind, describe(rawKind, b, a));

    if (b && a && computeItemCredit(b) === computeItemCredit(a)) {
      const adjustedBefore = computeItemCredit(b.riskAdjusted);
      const adjustedAfter = computeItemCredit(a.riskAdjusted);
      if (adjustedBefore !== null && adjustedAfter !== null && adjustedBefore !== adjustedAfter) {
        if (adjustedAfter > adjustedBefore) {
          const who = a.accepted
            ? `${a.accepted.owner} until ${a.accepted.expiresAt.toISOString()}: ${a.accepted.reason}`
            : `${a.acceptedFindings?.length ?? 0} accepted finding(s)`;
          changes.push({
            itemId,
            domain,
            kind: "accepted",
            before: b.riskAdjusted,
            after: a.riskAdjusted,
            scoreImpact: 0,
            reason: `Risk accepted by ${who}.`,
          });
        } else {
          changes.push({
            itemId,
            domain,
            kind: "acceptance_expired",
            before: b.riskAdjusted,
            after: a.riskAdjusted,
            scoreImpact: 0,
            reason: "An acceptance ended, so the failure counts again in the risk-adjusted score.",
          });
        }
      }
    }
  }
  changes.sort(
    (x, y) => Math.abs(y.scoreImpact) - Math.abs(x.scoreImpact) || compareText(x.itemId, y.itemId) || compareText(x.kind, y.kind),
  );

  return {
    accountId: after.accountId,
    from: before.evaluatedAt,
    to: after.evaluatedAt,
    checklistVersionChanged: before.checklistVersion !== after.checklistVersion,
    score: delta(before.score, after.score),
    riskAdjustedScore: delta(before.riskAdjustedScore, after.riskAdjustedScore),
    coverage: delta(before.coverage, after.coverage),
    changes,
  };
}

function classifyRawChange(b: ItemResult | undefined, a: ItemResult | undefined): ChangeKind | null {
  if (!b) return a && a.status !== "not_applicable" ? "added_to_checklist" : null;
  if (!a) return b.status !== "not_applicable" ? "removed_from_checklist" : null;
  if (b.status === "not_applicable" && a.status !== "not_applicable") return "now_applicable";
  if (a.status === "not_applicable" && b.status !== "not_applicable") return "no_longer_applicable";
  const creditBefore = computeItemCredit(b);
  const creditAfter = computeItemCredit(a);
  if (creditBefore !== null && creditAfter === null) return "lost_coverage";
  if (creditBefore === null && creditAfter !== null) return "gained_coverage";
  if (creditBefore === null || creditAfter === null || creditBefore === creditAfter) return null;
  if (creditAfter > creditBefore) return "fixed";
  const moreResources = (a.total ?? 0) > (b.total ?? 0) && (a.passing ?? 0) >= (b.passing ?? 0);
  return moreResources ? "new_resources" : "regressed";
}

function describe(kind: ChangeKind, b: ItemResult | undefined, a: ItemResult | undefined): string {
  const counts = (item: ItemResult | undefined) =>
    !item ? "absent" : item.total !== undefined ? `${item.status} (${item.passing ?? 0}/${item.total})` : item.status;
  switch (kind) {
    case "lost_coverage":
      return `Evidence lost: ${a?.reason ?? ""}${a?.missingSources?.length ? ` Missing: ${a.missingSources.join(", ")}.` : ""}`;
    case "new_resources":
      return `New failing resources: ${counts(b)} -> ${counts(a)}.`;
    default:
      return `${counts(b)} -> ${counts(a)}. ${a?.reason ?? b?.reason ?? ""}`.trim();
  }
}

function statusOf(item: ItemResult): AdjustedStatus {
  const status: AdjustedStatus = { status: item.status };
  if (item.passing !== undefined) status.passing = item.passing;
  if (item.total !== undefined) status.total = item.total;
  return status;
}

function delta(before: number | null, after: number | null): { before: number | null; after: number | null; delta: number | null } {
  return { before, after, delta: before === null || after === null ? null : roundToTenth(after - before) };
}
