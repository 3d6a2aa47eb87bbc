import { computeAccountScore } from "./compute-account-score";
import { evaluateAccount } from "./evaluate-account";
import type { AccountEvidence } from "./evidence";
import { CHECKLIST_ITEMS, CHECKLIST_VERSION } from "./items";
import type { AccountScore } from "./types";

/** Evidence -> score snapshot with the current checklist: what the score-account job stores. */
export function scoreAccount(evidence: AccountEvidence): AccountScore {
  return computeAccountScore(evidence.accountId, evaluateAccount(evidence, CHECKLIST_ITEMS), evidence.now, CHECKLIST_VERSION);
}
