/**
 * Org score on the overview: the mean of account scores weighted by each account's
 * coverage, so an account scored on little evidence moves the org figure little. Org
 * coverage is the plain mean of account coverage (an unscored account counts as 0).
 */
export function rollUpScores(accounts: Array<{ score: number | null; coverage: number | null }>): { score: number | null; coverage: number | null } {
  if (accounts.length === 0) return { score: null, coverage: null };
  let weighted = 0;
  let weights = 0;
  for (const account of accounts) {
    if (account.score === null || !account.coverage) continue;
    weighted += account.score * account.coverage;
    weights += account.coverage;
  }
  const coverage = accounts.reduce((sum, account) => sum + (account.coverage ?? 0), 0) / accounts.length;
  return { score: weights === 0 ? null : weighted / weights, coverage };
}
