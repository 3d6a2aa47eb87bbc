import { scoreAccount } from "@/lib/data/scores/score-account";
import { scoreAccountJob } from "@/lib/jobs/definitions/score-account";
import { defineJob } from "@/lib/jobs/define-job";

/** Evaluates the checklist for one account over its stored evidence and saves results + the day's snapshot. */
export default defineJob({
  ...scoreAccountJob,
  async handle(payload, { runtime, log }) {
    const score = await scoreAccount(payload.accountId, runtime.now(), runtime.pool);
    log(`score-account: ${payload.accountId} score ${score.score ?? "n/a"} coverage ${score.coverage ?? "n/a"}%`);
  },
});
