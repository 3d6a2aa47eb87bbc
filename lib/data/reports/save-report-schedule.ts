import "server-only";
import { getActionIp } from "@/lib/http/get-action-ip";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import type { SessionUser } from "@/lib/auth";
import { getPool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ZScheduleInput } from "@/lib/reports/report-schedule";

/** Admins create (no id) or edit a report schedule; the change is audited. */
export async function saveReportSchedule(user: SessionUser, input: unknown): Promise<{ id: string; name: string }> {
  if (user.role !== "admin") throw new AppError("FORBIDDEN", "only admins edit report schedules");
  const parsed = ZScheduleInput.safeParse(input);
  if (!parsed.success)
    throw new AppError(
      "INVALID_INPUT",
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; "),
    );
  const s = parsed.data;
  const pool = getPool();
  const values = [s.name, JSON.stringify(s.scope), s.recipients, s.paper, s.dayOfWeek, s.timeOfDay, s.timeZone, s.enabled];
  const result = s.id
    ? await pool.query<{ id: string }>(
        `UPDATE report_schedules SET name = $1, scope = $2, recipients = $3, paper = $4, day_of_week = $5, time_of_day = $6, time_zone = $7,
                enabled = $8, updated_at = now() WHERE id = $9::bigint RETURNING id::text`,
        [...values, s.id],
      )
    : await pool.query<{ id: string }>(
        `INSERT INTO report_schedules (name, scope, recipients, paper, day_of_week, time_of_day, time_zone, enabled)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text`,
        values,
      );
  const id = result.rows[0]?.id;
  if (!id) throw new AppError("NOT_FOUND", `no schedule ${s.id}`);
  await createAuditEntry(
    {
      actorEmail: user.email,
      action: s.id ? "report_schedule.update" : "report_schedule.create",
      ip: await getActionIp(),
      target: `report_schedule:${id}`,
      detail: { ...s },
    },
    pool,
  );
  return { id, name: s.name };
}
