import { roundToTenth } from "./round-to-tenth";
import { type AccountScore, DOMAINS, type Domain } from "./types";

export interface OrgDomainScore {
  score: number | null;
  riskAdjustedScore: number | null;
  coverage: number | null;
  weightApplicable: number;
  weightWithData: number;
}

export interface OrgScore extends OrgDomainScore {
  accountCount: number;
  /** Accounts whose score is not null (at least one item had data). */
  accountsWithData: number;
  domains: Record<Domain, OrgDomainScore>;
}

/**
 * Org-wide score: the pooled, evidence-weighted mean of the accounts.
 *
 *   org score    = 100 * Σ_accounts earnedWeight / Σ_accounts weightWithData
 *   org coverage = 100 * Σ_accounts weightWithData / Σ_accounts weightApplicable
 *
 * Equivalent to averaging account scores weighted by how much evidence each had, so an
 * account with Security Hub off (little evidence) cannot pull the org score up or down
 * much, while its low coverage drags org coverage down. Computed from the unrounded sums,
 * rounded once. Same per domain. Empty input gives nulls.
 */
export function rollUpOrgScore(accounts: readonly AccountScore[]): OrgScore {
  const total = pool(accounts.map((account) => account));
  const domains = Object.fromEntries(DOMAINS.map((domain) => [domain, pool(accounts.map((account) => account.domains[domain]))])) as Record<
    Domain,
    OrgDomainScore
  >;
  return {
    ...total,
    accountCount: accounts.length,
    accountsWithData: accounts.filter((account) => account.score !== null).length,
    domains,
  };
}

interface Sums {
  weightApplicable: number;
  weightWithData: number;
  earnedWeight: number;
  riskAdjustedEarnedWeight: number;
}

function pool(parts: Sums[]): OrgDomainScore {
  const sums = parts.reduce(
    (acc, part) => ({
      weightApplicable: acc.weightApplicable + part.weightApplicable,
      weightWithData: acc.weightWithData + part.weightWithData,
      earnedWeight: acc.earnedWeight + part.earnedWeight,
      riskAdjustedEarnedWeight: acc.riskAdjustedEarnedWeight + part.riskAdjustedEarnedWeight,
    }),
    { weightApplicable: 0, weightWithData: 0, earnedWeight: 0, riskAdjustedEarnedWeight: 0 },
  );
  return {
    score: sums.weightWithData > 0 ? roundToTenth((100 * sums.earnedWeight) / sums.weightWithData) : null,
    riskAdjustedScore: sums.weightWithData > 0 ? roundToTenth((100 * sums.riskAdjustedEarnedWeight) / sums.weightWithData) : null,
    coverage: sums.weightApplicable > 0 ? roundToTenth((100 * sums.weightWithData) / sums.weightApplicable) : null,
    weightApplicable: sums.weightApplicable,
    weightWithData: sums.weightWithData,
  };
}
