import { computeAccountScore } from "./compute-account-score";
import { evaluateAccount } from "./evaluate-account";
import type { AccountEvidence } from "./evidence";
import { CHECKLIST_ITEMS, CHECKLIST_VERSION } from "./items";
import { findEvidenceAsOf, markStaleSources } from "./mark-stale-sources";
import type { AccountScore, ScoreSource } from "./types";

/** Evidence -> score snapshot with the current checklist: what the score-account job stores, with its freshness. */
export function scoreAccount(evidence: AccountEvidence): AccountScore {
  const fresh = markStaleSources(evidence);
  const sources: ScoreSource[] = (["guardduty", "securityhub", "cloudtrail"] as const).flatMap((source) =>
    fresh.sources[source].map((status) => ({ source, region: status.region, state: status.state, origin: status.origin ?? "collected", asOf: status.asOf ?? null })),
  );
  return computeAccountScore(evidence.accountId, evaluateAccount(evidence, CHECKLIST_ITEMS), evidence.now, CHECKLIST_VERSION, {
    evidenceAsOf: findEvidenceAsOf(fresh),
    sources,
  });
}
