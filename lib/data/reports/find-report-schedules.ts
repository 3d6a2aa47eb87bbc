import "server-only";
import type { SessionUser } from "@/lib/auth";
import { getPool } from "@/lib/db";
import type { ReportScope } from "@/lib/reports/report-scope";

export interface ReportScheduleRow {
  id: string;
  name: string;
  scope: ReportScope;
  recipients: string[];
  paper: "a4" | "letter";
  dayOfWeek: number;
  timeOfDay: string;
  timeZone: string;
  enabled: boolean;
  isDefault: boolean;
}

/** Report schedules, for admins only (recipients are other people's addresses): others get none. */
export async function findReportSchedules(user: SessionUser): Promise<ReportScheduleRow[]> {
  if (user.role !== "admin") return [];
  const result = await getPool().query<ReportScheduleRow>(
    `SELECT id::text, name, scope, recipients, paper, day_of_week AS "dayOfWeek", time_of_day AS "timeOfDay", time_zone AS "timeZone",
            enabled, is_default AS "isDefault"
     FROM report_schedules ORDER BY is_default DESC, id`,
  );
  return result.rows;
}
