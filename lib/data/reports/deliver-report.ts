import "server-only";
import type pg from "pg";
import { describeError } from "@/lib/errors";
import type { ReportData } from "@/lib/reports/report-model";
import { sendReportMail } from "@/lib/reports/send-report-mail";

/** Attempts per e-mail delivery before it is shown as failed (graphile-worker backs off exponentially in between). */
export const DELIVERY_MAX_ATTEMPTS = 5;

/**
 * One attempt at e-mailing a report: records the attempt, the SMTP error, and the outcome on
 * the delivery row (the Reports page shows it), then rethrows a failure so the queue retries
 * with back-off; the last attempt leaves the row `failed` with the error.
 */
export async function deliverReport(
  pool: pg.Pool,
  deliveryId: string,
  attempt: number,
  maxAttempts = DELIVERY_MAX_ATTEMPTS,
): Promise<"sent" | "already_sent"> {
  const found = await pool.query<{
    status: string;
    recipients: string[];
    data: ReportData;
    pdf: Buffer;
    week: string;
    version: number;
    scope_key: string;
  }>(
    `SELECT d.status, d.recipients, r.data, r.pdf, r.week, r.version, r.scope_key
     FROM report_deliveries d JOIN reports r ON r.id = d.report_id WHERE d.id = $1::bigint`,
    [deliveryId],
  );
  const row = found.rows[0];
  if (!row || row.status === "sent") return "already_sent";
  try {
    await sendReportMail(
      row.data,
      row.pdf,
      `parapet-report-${row.week}-${row.scope_key === "all" ? "org" : "scoped"}-v${row.version}.pdf`,
      row.recipients,
    );
  } catch (error) {
    const message = describeError(error).slice(0, 1000);
    await pool.query(
      "UPDATE report_deliveries SET status = $2, attempts = attempts + 1, last_error = $3, last_attempt_at = now() WHERE id = $1::bigint",
      [deliveryId, attempt >= maxAttempts ? "failed" : "retrying", message],
    );
    throw error;
  }
  await pool.query(
    "UPDATE report_deliveries SET status = 'sent', attempts = attempts + 1, last_attempt_at = now(), sent_at = now() WHERE id = $1::bigint",
    [deliveryId],
  );
  return "sent";
}
