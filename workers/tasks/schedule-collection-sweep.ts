import { findCollectableAccountIds } from "@/lib/data/accounts/find-collectable-account-ids";
import { scheduleCollectionSweepJob } from "@/lib/jobs/definitions/schedule-collection-sweep";
import { defineJob } from "@/lib/jobs/define-job";

/**
 * The cron sweep: one collect job per collectable account. The job key `collect:<id>`
 * makes the queue hold at most one pending collection per account, however often the
 * sweep (or a user) asks.
 */
export default defineJob({
  ...scheduleCollectionSweepJob,
  async handle(payload, { runtime, enqueue, log }) {
    const accountIds = await findCollectableAccountIds(runtime.pool);
    for (const accountId of accountIds) {
      await enqueue("collect-account", { accountId, trigger: payload.trigger }, { jobKey: `collect:${accountId}`, maxAttempts: 5 });
    }
    log(`sweep: queued collection of ${accountIds.length} accounts`);
  },
});
