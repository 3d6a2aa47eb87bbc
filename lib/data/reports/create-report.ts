import "server-only";
import type pg from "pg";
import { withTransaction } from "@/lib/db";
import type { IsoWeek } from "@/lib/reports/iso-week";
import { type PaperSize, printReportPdf } from "@/lib/reports/print-report-pdf";
import { renderReportCsv } from "@/lib/reports/render-report-csv";
import { type ReportScope, scopeKey } from "@/lib/reports/report-scope";
import { buildReportData } from "./build-report-data";

export interface CreatedReport {
  id: string;
  version: number;
  week: string;
  pageCount: number;
  pdf: Buffer;
  csv: Buffer;
}

/**
 * Builds, prints and stores one report of `scope` for `week`: the data model, the PDF, the
 * CSV and a page-1 preview in one row that is never updated afterwards. The version is the
 * next for (scope, week), taken under an advisory lock so two generations at once get 1 and 2,
 * not a unique-key failure. A scheduled report is stored once per (schedule, week): a second
 * run returns the first (isNew false). Callers authorise the scope first.
 */
export async function createReport(
  pool: pg.Pool,
  options: { scope: ReportScope; week: IsoWeek; paper: PaperSize; generatedBy: string; scheduleId?: string | null; now?: Date },
): Promise<CreatedReport & { isNew: boolean }> {
  const generatedAt = options.now ?? new Date();
  const data = await buildReportData(pool, options.scope, options.week, generatedAt);
  const printed = await printReportPdf(data, options.paper);
  const csv = Buffer.from(renderReportCsv(data), "utf8");
  const key = scopeKey(options.scope);
  const row = await withTransaction(async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`report:${key}:${options.week.id}`]);
    if (options.scheduleId) {
      // A schedule builds each week once, however often its job runs (a retry, two workers).
      const existing = await client.query<{ id: string; version: number }>(
        "SELECT id::text, version FROM reports WHERE schedule_id = $1 AND week = $2",
        [options.scheduleId, options.week.id],
      );
      if (existing.rows[0]) return { ...existing.rows[0], isNew: false };
    }
    const result = await client.query<{ id: string; version: number }>(
      `INSERT INTO reports (scope, scope_key, week, version, paper, period_start, period_end, checklist_version, data_as_of,
                            generated_at, generated_by, schedule_id, data, pdf, csv, preview, page_count)
       SELECT $1::jsonb, $2::text, $3::varchar, COALESCE((SELECT max(version) FROM reports WHERE scope_key = $2::text AND week = $3::varchar), 0) + 1,
              $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16
       RETURNING id::text, version`,
      [
        JSON.stringify(options.scope),
        key,
        options.week.id,
        options.paper,
        options.week.start,
        options.week.end,
        data.checklistVersion,
        data.freshness.oldestEvidenceAt,
        generatedAt,
        options.generatedBy,
        options.scheduleId ?? null,
        JSON.stringify(data),
        printed.pdf,
        csv,
        printed.preview,
        printed.pageCount,
      ],
    );
    return { ...result.rows[0]!, isNew: true };
  }, pool);
  return { id: row.id, version: row.version, week: options.week.id, pageCount: printed.pageCount, pdf: printed.pdf, csv, isNew: row.isNew };
}
