import { z } from "zod";
import { defineJobSpec } from "@/lib/jobs/job-spec";

/** One key for the cron tick and the worker-start catch-up: at most one pending report sweep. */
export const REPORT_SWEEP_JOB_KEY = "report-sweep";

/**
 * Queues the weekly reports that are due. Every 15 minutes: schedules carry their own day,
 * time and zone (report_schedules), so the crontab only has to look often enough.
 */
export const scheduleReportSweepJob = defineJobSpec({
  name: "schedule-report-sweep",
  schema: z.object({ trigger: z.string().default("schedule") }).default({ trigger: "schedule" }),
  cron: { schedule: () => "*/15 * * * *", identifier: "report-sweep", jobKey: REPORT_SWEEP_JOB_KEY },
});
