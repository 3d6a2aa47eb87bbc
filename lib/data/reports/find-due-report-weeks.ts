import "server-only";
import type pg from "pg";
import { type IsoWeek, lastCompleteIsoWeek, shiftIsoWeek } from "@/lib/reports/iso-week";
import { scheduleDueAt } from "@/lib/reports/report-schedule";
import type { ReportScope } from "@/lib/reports/report-scope";

/** How far back a schedule catches up on weeks missed while no worker ran. */
const CATCH_UP_WEEKS = 8;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface DueReportWeek {
  scheduleId: string;
  scope: ReportScope;
  paper: "a4" | "letter";
  week: IsoWeek;
}

/**
 * Every (enabled schedule, week) whose day and time (in the schedule's zone) has passed at
 * `now` and whose report is not stored yet: the recent weeks, back to the week before the
 * schedule was created, at most CATCH_UP_WEEKS.
 */
export async function findDueReportWeeks(pool: pg.Pool, now: Date): Promise<DueReportWeek[]> {
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
  const due: DueReportWeek[] = [];
  for (const schedule of schedules.rows) {
    const built = new Set(schedule.built);
    let week = lastCompleteIsoWeek(now);
    for (let back = 0; back < CATCH_UP_WEEKS; back++, week = shiftIsoWeek(week, -1)) {
      if (week.end.getTime() < schedule.created_at.getTime() - WEEK_MS) break;
      if (built.has(week.id)) continue;
      const at = scheduleDueAt(week.end, {
        dayOfWeek: schedule.day_of_week,
        timeOfDay: schedule.time_of_day,
        timeZone: schedule.time_zone,
      });
      if (at.getTime() <= now.getTime()) due.push({ scheduleId: schedule.id, scope: schedule.scope, paper: schedule.paper, week });
    }
  }
  return due;
}
