import { createReport } from "@/lib/data/reports/create-report";
import { createReportDelivery } from "@/lib/data/reports/create-report-delivery";
import { DELIVERY_MAX_ATTEMPTS } from "@/lib/data/reports/deliver-report";
import { hasScheduledReport } from "@/lib/data/reports/has-scheduled-report";
import { defineJob } from "@/lib/jobs/define-job";
import { generateReportJob } from "@/lib/jobs/definitions/generate-report";
import { parseIsoWeek } from "@/lib/reports/iso-week";

/**
 * Prints and stores one weekly report (Chromium is started for it and closed after). From a
 * schedule: built once per (schedule, week), then e-mailed to the schedule's recipients as a
 * deliver-report job (retried with back-off). On demand: the user was authorised when it was queued.
 */
export default defineJob({
  ...generateReportJob,
  async handle(payload, { runtime, enqueue, log }) {
    const week = parseIsoWeek(payload.week);
    if (!week) {
      log(`generate-report: ${payload.week} is not an ISO week; dropped`);
      return;
    }
    const pool = runtime.pool;
    if (payload.scheduleId && (await hasScheduledReport(pool, payload.scheduleId, week.id))) return;
    const started = Date.now();
    const report = await createReport(pool, {
      scope: payload.scope,
      week,
      paper: payload.paper,
      generatedBy: payload.generatedBy,
      scheduleId: payload.scheduleId ?? null,
      now: runtime.now(),
    });
    log(
      `generate-report: ${week.id} version ${report.version} (${report.pageCount} pages) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (!payload.scheduleId || !report.isNew) return;
    const deliveryId = await createReportDelivery(pool, report.id, payload.scheduleId);
    if (deliveryId)
      await enqueue("deliver-report", { deliveryId }, { jobKey: `deliver:${deliveryId}`, maxAttempts: DELIVERY_MAX_ATTEMPTS });
  },
});
