import { z } from "zod";
import { ensureDefaultSchedule } from "@/lib/data/reports/ensure-default-schedule";
import { getEnv } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { lastCompleteIsoWeek, shiftIsoWeek } from "@/lib/reports/iso-week";
import { scheduleDueAt } from "@/lib/reports/report-schedule";
import type { ReportScope } from "@/lib/reports/report-scope";

/** How far back a schedule catches up on weeks missed while no worker ran. */
const CATCH_UP_WEEKS = 8;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Queues the weekly reports that are due: for every enabled schedule and each recent week
 * whose (day, time, zone) has passed, one generate-report job with job key
 * `report:<schedule>:<week>` unless that week is already stored. Runs from the crontab every
 * 15 minutes and once when a worker starts, so weeks missed while no worker ran are caught
 * up (back to the week before the schedule was created, at most CATCH_UP_WEEKS).
 */
export default defineJob({
  name: "schedule-report-sweep",
  schema: z.object({ trigger: z.string().default("schedule") }).default({ trigger: "schedule" }),
  async handle(_payload, { runtime, enqueue, log }) {
    const pool = runtime.pool;
    await ensureDefaultSchedule(pool, getEnv().PARAPET_REPORT_SCHEDULE);
    const now = runtime.now();
    const schedules = await pool.query<{
      id: string;
      scope: ReportScope;
      paper: "a4" | "letter";
      day_of_week: number;
      time_of_day: string;
      time_zone: string;
      created_at: Date;
      built: string[];
    }>(
      `SELECT s.id::text, s.scope, s.paper, s.day_of_week, s.time_of_day, s.time_zone, s.created_at,
              COALESCE((SELECT array_agg(DISTINCT r.week) FROM reports r WHERE r.schedule_id = s.id), '{}') AS built
       FROM report_schedules s WHERE s.enabled ORDER BY s.id`,
    );
    let queued = 0;
    for (const schedule of schedules.rows) {
      const built = new Set(schedule.built);
      let week = lastCompleteIsoWeek(now);
      for (let back = 0; back < CATCH_UP_WEEKS; back++, week = shiftIsoWeek(week, -1)) {
        if (week.end.getTime() < schedule.created_at.getTime() - WEEK_MS) break;
        if (built.has(week.id)) continue;
        const due = scheduleDueAt(week.end, {
          dayOfWeek: schedule.day_of_week,
          timeOfDay: schedule.time_of_day,
          timeZone: schedule.time_zone,
        });
        if (due.getTime() > now.getTime()) continue;
        await enqueue(
          "generate-report",
          { scope: schedule.scope, week: week.id, paper: schedule.paper, generatedBy: "schedule", scheduleId: schedule.id },
          { jobKey: `report:${schedule.id}:${week.id}`, maxAttempts: 3 },
        );
        queued++;
      }
    }
    if (queued > 0) log(`report sweep: queued ${queued} weekly report(s)`);
  },
});
