import { z } from "zod";
import { createReport } from "@/lib/data/reports/create-report";
import { DELIVERY_MAX_ATTEMPTS } from "@/lib/data/reports/deliver-report";
import { defineJob } from "@/lib/jobs/define-job";
import { parseIsoWeek } from "@/lib/reports/iso-week";
import { ZReportScope } from "@/lib/reports/report-scope";

/**
 * Prints and stores one weekly report (Chromium is started for it and closed after). From a
 * schedule: built once per (schedule, week), then e-mailed to the schedule's recipients as a
 * deliver-report job (retried with back-off). On demand: the user was authorised when it was queued.
 */
export default defineJob({
  name: "generate-report",
  schema: z.object({
    scope: ZReportScope,
    week: z.string().regex(/^\d{4}-W\d{2}$/),
    paper: z.enum(["a4", "letter"]),
    generatedBy: z.string().min(1),
    scheduleId: z
      .string()
      .regex(/^\d{1,18}$/)
      .nullish(),
  }),
  async handle(payload, { runtime, enqueue, log }) {
    const week = parseIsoWeek(payload.week);
    if (!week) {
      log(`generate-report: ${payload.week} is not an ISO week; dropped`);
      return;
    }
    const pool = runtime.pool;
    if (payload.scheduleId) {
      const done = await pool.query("SELECT 1 FROM reports WHERE schedule_id = $1 AND week = $2", [payload.scheduleId, week.id]);
      if (done.rowCount) return;
    }
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
    const schedule = await pool.query<{ recipients: string[] }>("SELECT recipients FROM report_schedules WHERE id = $1", [
      payload.scheduleId,
    ]);
    const recipients = schedule.rows[0]?.recipients ?? [];
    if (recipients.length === 0) return;
    const delivery = await pool.query<{ id: string }>(
      "INSERT INTO report_deliveries (report_id, schedule_id, recipients) VALUES ($1, $2, $3) RETURNING id::text",
      [report.id, payload.scheduleId, recipients],
    );
    await enqueue(
      "deliver-report",
      { deliveryId: delivery.rows[0]!.id },
      { jobKey: `deliver:${delivery.rows[0]!.id}`, maxAttempts: DELIVERY_MAX_ATTEMPTS },
    );
  },
});
