import { z } from "zod";
import { computeAccountScore } from "@/lib/checklist/compute-account-score";
import { evaluateAccount } from "@/lib/checklist/evaluate-account";
import { CHECKLIST_VERSION } from "@/lib/checklist/items";
import { loadAccountEvidence } from "@/lib/data/checklist/load-account-evidence";
import { saveAccountScore } from "@/lib/data/scores/save-account-score";
import { defineJob } from "@/lib/jobs/define-job";

/** Evaluates the checklist for one account over its stored evidence and saves results + the day's snapshot. */
export default defineJob({
  name: "score-account",
  schema: z.object({ accountId: z.string().regex(/^\d{12}$/) }),
  async handle(payload, { runtime, log }) {
    const now = runtime.now();
    const evidence = await loadAccountEvidence(runtime.pool, payload.accountId, now);
    const score = computeAccountScore(payload.accountId, evaluateAccount(evidence), now, CHECKLIST_VERSION);
    await saveAccountScore(runtime.pool, score);
    log(`score-account: ${payload.accountId} score ${score.score ?? "n/a"} coverage ${score.coverage ?? "n/a"}%`);
  },
});
