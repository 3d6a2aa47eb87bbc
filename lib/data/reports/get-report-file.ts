import "server-only";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import type { SessionUser } from "@/lib/auth";
import { getPool } from "@/lib/db";
import { reportVisibleTo } from "./report-visibility";

export type ReportFileKind = "pdf" | "csv" | "preview";

const CONTENT_TYPE: Record<ReportFileKind, string> = { pdf: "application/pdf", csv: "text/csv; charset=utf-8", preview: "image/png" };

/**
 * One file of a report the user may see, or null (unknown id, or a report outside the
 * user's scope: the same answer, so ids cannot be probed). PDF and CSV downloads are written
 * to the audit log, refused ones too; page-1 previews are not (the list shows them).
 */
export async function getReportFile(
  user: SessionUser,
  reportId: string,
  kind: ReportFileKind,
  ip: string | null = null,
): Promise<{ body: Buffer; contentType: string; filename: string } | null> {
  if (!/^\d{1,18}$/.test(reportId)) return null;
  const visible = reportVisibleTo(user, 2);
  const pool = getPool();
  const column = kind === "pdf" ? "r.pdf" : kind === "csv" ? "r.csv" : "r.preview";
  const result = await pool.query<{ body: Buffer; week: string; version: number; scope_key: string }>(
    `SELECT ${column} AS body, r.week, r.version, r.scope_key FROM reports r WHERE r.id = $1::bigint AND ${visible.sql}`,
    [reportId, ...visible.params],
  );
  const row = result.rows[0];
  if (kind !== "preview") {
    await createAuditEntry(
      {
        actorEmail: user.email,
        action: row ? `report.download_${kind}` : "report.download_refused",
        target: `report:${reportId}`,
        detail: row ? { week: row.week, version: row.version, scope: row.scope_key } : { kind },
        ip,
      },
      pool,
    );
  }
  if (!row) return null;
  const scopePart = row.scope_key === "all" ? "org" : `scoped-${reportId}`;
  return {
    body: row.body,
    contentType: CONTENT_TYPE[kind],
    filename: `parapet-report-${row.week}-${scopePart}-v${row.version}.${kind === "preview" ? "png" : kind}`,
  };
}
