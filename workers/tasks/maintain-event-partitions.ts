import { maintainEventPartitions } from "@/lib/data/events/maintain-event-partitions";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { maintainEventPartitionsJob } from "@/lib/jobs/definitions/maintain-event-partitions";

/** Keeps CloudTrail event partitions ahead and drops the months past retention (each drop audited). */
export default defineJob({
  ...maintainEventPartitionsJob,
  async handle(payload, { runtime, log }) {
    const result = await maintainEventPartitions(runtime.pool, {
      now: runtime.now(),
      retentionDays: getEnv().PARAPET_CLOUDTRAIL_RETENTION_DAYS,
      log,
    });
    log(
      `event partitions (${payload.trigger}): ${result.created.length} created, ${result.movedFromDefault} event(s) moved from DEFAULT, ${result.dropped.length} dropped`,
    );
  },
});
