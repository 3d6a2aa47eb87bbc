import "server-only";
import type pg from "pg";
import { parseScheduleSetting } from "@/lib/reports/report-schedule";

/**
 * The org-wide schedule from PARAPET_REPORT_SCHEDULE, created once (no recipients: admins
 * add them in the console). When the setting changes, the default row follows it; any other
 * edit an admin made to it (name, recipients, paper) is kept. Returns its id.
 */
export async function ensureDefaultSchedule(pool: pg.Pool, setting: string): Promise<string> {
  const { dayOfWeek, timeOfDay, timeZone } = parseScheduleSetting(setting);
  await pool.query(
    `WITH updated AS (
       UPDATE report_schedules SET day_of_week = $1, time_of_day = $2, time_zone = $3, updated_at = now()
       WHERE is_default AND (day_of_week, time_of_day, time_zone) IS DISTINCT FROM ($1, $2, $3) RETURNING id)
     INSERT INTO report_schedules (name, scope, recipients, paper, day_of_week, time_of_day, time_zone, is_default)
     SELECT 'Weekly organisation report', '{"all":true}', '{}', 'a4', $1, $2, $3, true
     WHERE NOT EXISTS (SELECT 1 FROM report_schedules WHERE is_default)`,
    [dayOfWeek, timeOfDay, timeZone],
  );
  const row = await pool.query<{ id: string }>("SELECT id::text FROM report_schedules WHERE is_default ORDER BY id LIMIT 1");
  return row.rows[0]!.id;
}
