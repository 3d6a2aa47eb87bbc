import { z } from "zod";
import { scoreAccount } from "@/lib/checklist/score-account";
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
    const score = scoreAccount(evidence);
    await saveAccountScore(runtime.pool, score);
    log(`score-account: ${payload.accountId} score ${score.score ?? "n/a"} coverage ${score.coverage ?? "n/a"}%`);
  },
});
