import { z } from "zod";
import { defineJobSpec } from "@/lib/jobs/job-spec";

/** One key for every way the sweep is queued (cron, demo, `collect --once`): at most one pending sweep. */
export const COLLECTION_SWEEP_JOB_KEY = "collection-sweep";

/** The collection sweep, on PARAPET_COLLECT_SCHEDULE (graphile-worker's cron adds `_cron` to the payload; the schema drops it). */
export const scheduleCollectionSweepJob = defineJobSpec({
  name: "schedule-collection-sweep",
  schema: z.object({ trigger: z.string().default("schedule") }).default({ trigger: "schedule" }),
  cron: { schedule: (env) => env.PARAPET_COLLECT_SCHEDULE, identifier: "collection-sweep", jobKey: COLLECTION_SWEEP_JOB_KEY },
});
