import type { AccountScore, Domain, DomainScore, ItemResult, ItemStatus } from "@/lib/checklist/types";

const EMPTY_DOMAIN: DomainScore = {
  score: null,
  riskAdjustedScore: null,
  coverage: null,
  weightApplicable: 0,
  weightWithData: 0,
  earnedWeight: 0,
  riskAdjustedEarnedWeight: 0,
};

function item(itemId: string, status: ItemStatus): ItemResult {
  return { itemId, domain: "identity_access", severity: "high", weight: 1, status, reason: "test", evidence: [], riskAdjusted: { status } };
}

/**
 * An evaluation whose items have the given statuses, for the read-model tests that follow
 * statuses through saveAccountScore (the score figures do not matter there: all null or 0).
 */
export function statusEvaluation(accountId: string, statuses: Record<string, ItemStatus>, evaluatedAt: Date): AccountScore {
  return {
    accountId,
    ...EMPTY_DOMAIN,
    domains: { identity_access: EMPTY_DOMAIN } as Record<Domain, DomainScore>,
    items: Object.entries(statuses).map(([itemId, status]) => item(itemId, status)),
    checklistVersion: "test",
    evaluatedAt,
  };
}
