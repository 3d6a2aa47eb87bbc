import { computeAccountScore } from "./compute-account-score";
import { evaluateAccount } from "./evaluate-account";
import type { AccountEvidence } from "./evidence";
import { CHECKLIST_ITEMS, CHECKLIST_VERSION } from "./items";
import { findEvidenceAsOf, markStaleSources } from "./mark-stale-sources";
import type { AccountScore, ScoreSource } from "./types";

/**
 * Evidence -> score snapshot with the current checklist, evaluated at `evidence.now`, with
 * its freshness ("evidence as of" and every source's origin and read time): the pure middle
 * of `scoreAccount` (lib/data/scores/score-account.ts), which loads the evidence before and
 * saves the result after.
 */
export function scoreEvidence(evidence: AccountEvidence): AccountScore {
  const fresh = markStaleSources(evidence);
  const sources: ScoreSource[] = (["guardduty", "securityhub", "cloudtrail"] as const).flatMap((source) =>
    fresh.sources[source].map((status) => ({
      source,
      region: status.region,
      state: status.state,
      origin: status.origin ?? "collected",
      asOf: status.asOf ?? null,
    })),
  );
  return computeAccountScore(evidence.accountId, evaluateAccount(evidence, CHECKLIST_ITEMS), evidence.now, CHECKLIST_VERSION, {
    evidenceAsOf: findEvidenceAsOf(fresh),
    sources,
  });
}
