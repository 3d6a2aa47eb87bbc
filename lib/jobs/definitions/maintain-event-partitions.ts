import { z } from "zod";
import { defineJobSpec } from "@/lib/jobs/job-spec";

/** One key for the cron tick and the worker-start run: at most one pending upkeep. */
export const EVENT_PARTITIONS_JOB_KEY = "event-partitions";

/**
 * CloudTrail event partitions: the next months created ahead, months past
 * PARAPET_CLOUDTRAIL_RETENTION_DAYS dropped. Daily is plenty (partitions are monthly and two
 * are kept ahead); 02:17 keeps it off the hour other schedules favour.
 */
export const maintainEventPartitionsJob = defineJobSpec({
  name: "maintain-event-partitions",
  schema: z.object({ trigger: z.string().default("schedule") }).default({ trigger: "schedule" }),
  cron: { schedule: () => "17 2 * * *", identifier: "event-partitions", jobKey: EVENT_PARTITIONS_JOB_KEY },
});
