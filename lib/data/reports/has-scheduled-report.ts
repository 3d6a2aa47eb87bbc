import "server-only";
import type pg from "pg";

/** Whether a schedule's report of the week is stored (a schedule builds each week once). */
export async function hasScheduledReport(pool: pg.Pool, scheduleId: string, week: string): Promise<boolean> {
  const result = await pool.query("SELECT 1 FROM reports WHERE schedule_id = $1::bigint AND week = $2", [scheduleId, week]);
  return (result.rowCount ?? 0) > 0;
}
