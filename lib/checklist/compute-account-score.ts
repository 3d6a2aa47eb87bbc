import { computeItemCredit } from "./compute-item-credit";
import { CHECKLIST_VERSION } from "./items";
import { roundToTenth } from "./round-to-tenth";
import { type AccountScore, DOMAINS, type Domain, type DomainScore, type ItemResult, type ScoreSource } from "./types";

/**
 * The account score, from item results. Deterministic; documented in CHECKLIST.md.
 *
 *   credit(item)      = 1 for pass, passing/total for partial, 0 for fail
 *   with data         = status is pass, partial or fail
 *   applicable        = status is anything but not_applicable
 *   score             = 100 * Σ weight·credit / Σ weight        over items with data
 *   coverage          = 100 * Σ weight(with data) / Σ weight(applicable)
 *   riskAdjustedScore = the same score over item.riskAdjusted (accepted failures count as pass)
 *
 * no_data items are never credited: they lower coverage instead, which is shown beside
 * every score. score is null when no item had data, coverage is null when no item applies.
 * Domain scores use the same formula over that domain's items; the overall score is over
 * all items (not a mean of domain scores, so a domain with one item does not weigh as much
 * as a domain with twenty). Values are rounded half-up to one decimal at the end only; the
 * unrounded sums (earnedWeight, weightWithData, weightApplicable) are kept for roll-ups.
 */
export function computeAccountScore(
  accountId: string,
  items: ItemResult[],
  evaluatedAt: Date,
  checklistVersion: string = CHECKLIST_VERSION,
  freshness: { evidenceAsOf: Date | null; sources: ScoreSource[] } = { evidenceAsOf: null, sources: [] },
): AccountScore {
  const domains = Object.fromEntries(DOMAINS.map((domain) => [domain, sumItems(items.filter((item) => item.domain === domain))])) as Record<
    Domain,
    DomainScore
  >;
  const overall = sumItems(items);
  return {
    accountId,
    ...overall,
    domains,
    items,
    checklistVersion,
    evaluatedAt,
    evidenceAsOf: freshness.evidenceAsOf,
    sources: freshness.sources,
  };
}

function sumItems(items: ItemResult[]): DomainScore {
  let weightApplicable = 0;
  let weightWithData = 0;
  let earnedWeight = 0;
  let adjustedWeightWithData = 0;
  let riskAdjustedEarnedWeight = 0;
  for (const item of items) {
    if (item.status !== "not_applicable") weightApplicable += item.weight;
    const raw = computeItemCredit(item);
    if (raw !== null) {
      weightWithData += item.weight;
      earnedWeight += item.weight * raw;
    }
    const adjusted = computeItemCredit(item.riskAdjusted);
    if (adjusted !== null) {
      adjustedWeightWithData += item.weight;
      riskAdjustedEarnedWeight += item.weight * adjusted;
    }
  }
  return {
    score: weightWithData > 0 ? roundToTenth((100 * earnedWeight) / weightWithData) : null,
    riskAdjustedScore: adjustedWeightWithData > 0 ? roundToTenth((100 * riskAdjustedEarnedWeight) / adjustedWeightWithData) : null,
    coverage: weightApplicable > 0 ? roundToTenth((100 * weightWithData) / weightApplicable) : null,
    weightApplicable,
    weightWithData,
    earnedWeight,
    riskAdjustedEarnedWeight,
  };
}
