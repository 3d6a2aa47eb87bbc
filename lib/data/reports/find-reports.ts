import "server-only";
import type { SessionUser } from "@/lib/auth";
import { getPool } from "@/lib/db";
import type { ReportScope } from "@/lib/reports/report-scope";
import { reportVisibleTo } from "./report-visibility";

export interface ReportListRow {
  id: string;
  scope: ReportScope;
  week: string;
  version: number;
  paper: "a4" | "letter";
  generatedAt: Date;
  generatedBy: string;
  scheduleName: string | null;
  pdfBytes: number;
  csvBytes: number;
  pageCount: number;
  dataAsOf: Date | null;
  score: number | null;
  coverage: number | null;
  /** The latest e-mail delivery, if the report was e-mailed */
  delivery: { status: string; attempts: number; lastError: string | null; recipients: string[]; sentAt: Date | null } | null;
}

/** The reports the user may see (scope inside theirs, see report-visibility.ts), newest first. */
export async function findReports(user: SessionUser, limit = 100): Promise<ReportListRow[]> {
  const visible = reportVisibleTo(user, 2);
  const result = await getPool().query<{
    id: string;
    scope: ReportScope;
    week: string;
    version: number;
    paper: "a4" | "letter";
    generated_at: Date;
    generated_by: string;
    schedule_name: string | null;
    pdf_bytes: number;
    csv_bytes: number;
    page_count: number;
    data_as_of: Date | null;
    score: number | null;
    coverage: number | null;
    delivery: { status: string; attempts: number; last_error: string | null; recipients: string[]; sent_at: string | null } | null;
  }>(
    `SELECT r.id::text, r.scope, r.week, r.version, r.paper, r.generated_at, r.generated_by, s.name AS schedule_name,
            octet_length(r.pdf) AS pdf_bytes, octet_length(r.csv) AS csv_bytes, r.page_count, r.data_as_of,
            (r.data->'org'->>'score')::float8 AS score, (r.data->'org'->>'coverage')::float8 AS coverage,
            (SELECT to_jsonb(d) FROM (SELECT status, attempts, last_error, recipients, sent_at FROM report_deliveries
              WHERE report_id = r.id ORDER BY id DESC LIMIT 1) d) AS delivery
     FROM reports r LEFT JOIN report_schedules s ON s.id = r.schedule_id
     WHERE ${visible.sql}
     ORDER BY r.week DESC, r.generated_at DESC, r.id DESC
     LIMIT $1`,
    [limit, ...visible.params],
  );
  return result.rows.map((row) => ({
    id: row.id,
    scope: row.scope,
    week: row.week,
    version: row.version,
    paper: row.paper,
    generatedAt: row.generated_at,
    generatedBy: row.generated_by,
    scheduleName: row.schedule_name,
    pdfBytes: row.pdf_bytes,
    csvBytes: row.csv_bytes,
    pageCount: row.page_count,
    dataAsOf: row.data_as_of,
    score: row.score,
    coverage: row.coverage,
    delivery: row.delivery
      ? {
          status: row.delivery.status,
          attempts: row.delivery.attempts,
          lastError: row.delivery.last_error,
          recipients: row.delivery.recipients,
          sentAt: row.delivery.sent_at ? new Date(row.delivery.sent_at) : null,
        }
      : null,
  }));
}
