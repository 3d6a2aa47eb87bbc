import { ensureDefaultSchedule } from "@/lib/data/reports/ensure-default-schedule";
import { findDueReportWeeks } from "@/lib/data/reports/find-due-report-weeks";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { scheduleReportSweepJob } from "@/lib/jobs/definitions/schedule-report-sweep";

/**
 * Queues the weekly reports that are due: one generate-report per (schedule, week) with job
 * key `report:<schedule>:<week>`, for weeks not stored yet. Runs from the crontab and once
 * when a worker starts, so weeks missed while no worker ran are caught up.
 */
export default defineJob({
  ...scheduleReportSweepJob,
  async handle(_payload, { runtime, enqueue, log }) {
    await ensureDefaultSchedule(runtime.pool, getEnv().PARAPET_REPORT_SCHEDULE);
    const due = await findDueReportWeeks(runtime.pool, runtime.now());
    for (const item of due) {
      await enqueue(
        "generate-report",
        { scope: item.scope, week: item.week.id, paper: item.paper, generatedBy: "schedule", scheduleId: item.scheduleId },
        { jobKey: `report:${item.scheduleId}:${item.week.id}`, maxAttempts: 3 },
      );
    }
    if (due.length > 0) log(`report sweep: queued ${due.length} weekly report(s)`);
  },
});
