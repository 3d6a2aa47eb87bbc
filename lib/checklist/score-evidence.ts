import { computeAccountScore } from "./compute-account-score";
import { evaluateAccount } from "./evaluate-account";
import type { AccountEvidence } from "./evidence";
import { CHECKLIST_ITEMS, CHECKLIST_VERSION } from "./items";
import type { AccountScore } from "./types";

/**
 * Evidence -> score snapshot with the current checklist, evaluated at `evidence.now`: the
 * pure middle of `scoreAccount` (lib/data/scores/score-account.ts), which loads the
 * evidence before and saves the result after.
 */
export function scoreEvidence(evidence: AccountEvidence): AccountScore {
  return computeAccountScore(evidence.accountId, evaluateAccount(evidence, CHECKLIST_ITEMS), evidence.now, CHECKLIST_VERSION);
}
