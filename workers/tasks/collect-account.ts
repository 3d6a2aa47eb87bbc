import { collectAccount } from "@/lib/collect/collect-account";
import { getCollectionTarget } from "@/lib/data/accounts/get-collection-target";
import { collectAccountJob } from "@/lib/jobs/definitions/collect-account";
import { defineJob } from "@/lib/jobs/define-job";

/**
 * Collects one account, then queues its scoring. AWS errors are recorded on the run and do
 * not fail the job (retrying a denied role every few seconds helps no one); a database
 * error does, so the queue retries it with backoff and the cursors make the retry resume.
 */
export default defineJob({
  ...collectAccountJob,
  async handle(payload, { runtime, enqueue, log }) {
    const target = await getCollectionTarget(runtime.pool, payload.accountId);
    if (!target) {
      log(`collect-account: ${payload.accountId} is not collectable (unknown, disabled or without a role); skipped`);
      return;
    }
    const summary = await collectAccount(runtime.collectDeps(), target, payload.trigger);
    log(`collect-account: ${target.accountId} ${summary.status}${summary.error ? ` (${summary.error})` : ""}`);
    await enqueue("score-account", { accountId: target.accountId }, { jobKey: `score:${target.accountId}`, maxAttempts: 3 });
  },
});
