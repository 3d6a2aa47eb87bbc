import "server-only";
import type pg from "pg";

/** A pending e-mail delivery of a report to its schedule's recipients; null when the schedule has none. */
export async function createReportDelivery(pool: pg.Pool, reportId: string, scheduleId: string): Promise<string | null> {
  const result = await pool.query<{ id: string }>(
    `INSERT INTO report_deliveries (report_id, schedule_id, recipients)
     SELECT $1::bigint, s.id, s.recipients FROM report_schedules s WHERE s.id = $2::bigint AND cardinality(s.recipients) > 0
     RETURNING id::text`,
    [reportId, scheduleId],
  );
  return result.rows[0]?.id ?? null;
}
