import { requireApiUser } from "@/lib/auth";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { createCsvStream, type CsvBatch } from "@/lib/csv/create-csv-stream";
import { findFindings, type FindingRow } from "@/lib/data/findings/find-findings";
import { parseFindingFilters } from "@/lib/data/findings/finding-filters";
import { describeError } from "@/lib/errors";
import { getRequestIp } from "@/lib/http/get-request-ip";
import { errorResponse } from "@/lib/http/error-response";

export const dynamic = "force-dynamic";

/** Beyond this an export is a data pipeline's job, not a spreadsheet's. */
const EXPORT_ROW_LIMIT = 100_000;
const BATCH_SIZE = 2_000;

const COLUMNS: Array<[string, (row: FindingRow) => unknown]> = [
  ["account_id", (row) => row.accountId],
  ["account_name", (row) => row.accountName],
  ["region", (row) => row.region],
  ["source", (row) => row.source],
  ["source_id", (row) => row.sourceId],
  ["severity_label", (row) => row.severityLabel],
  ["severity", (row) => row.severity],
  ["title", (row) => row.title],
  ["type", (row) => row.type],
  ["status", (row) => row.status],
  ["workflow_status", (row) => row.workflowStatus],
  ["compliance_status", (row) => row.complianceStatus],
  ["control_id", (row) => row.controlId],
  ["resource_type", (row) => row.resourceType],
  ["resource_id", (row) => row.resourceId],
  ["first_seen_at", (row) => row.firstSeenAt],
  ["last_seen_at", (row) => row.lastSeenAt],
  ["linked_guardduty_id", (row) => row.linkedGuardDutyId],
];

/**
 * CSV of the findings explorer's current filters (same scoped query, same order; page
 * cursors in the URL are validated but the export always starts at the top), streamed in
 * keyset batches up to EXPORT_ROW_LIMIT rows. Bad parameters are a 400 with the reason;
 * the first batch is read before answering, so a failure there is an error status, and a
 * later failure aborts the download (lib/csv/create-csv-stream.ts). Audited with its filters.
 */
export async function GET(request: Request): Promise<Response> {
  let first: CsvBatch;
  let fetchNext: (cursor: string) => Promise<CsvBatch>;
  try {
    const user = await requireApiUser(request);
    const filters = parseFindingFilters(new URL(request.url).searchParams);
    let written = 0;
    fetchNext = async (after) => {
      const page = await findFindings(user, filters, {
        ...(after ? { after } : {}),
        limit: Math.min(BATCH_SIZE, EXPORT_ROW_LIMIT - written),
      });
      written += page.rows.length;
      return {
        rows: page.rows.map((row) => COLUMNS.map(([, read]) => read(row))),
        next: page.nextCursor && written < EXPORT_ROW_LIMIT ? page.nextCursor : null,
      };
    };
    first = await fetchNext("");
    // Who took which slice of the findings out of the console (issue 12: every export is audited).
    await createAuditEntry({ actorEmail: user.email, action: "findings.export", ip: getRequestIp(request.headers), detail: { filters } });
  } catch (error) {
    return errorResponse(error, "findings export");
  }
  const stream = createCsvStream(
    COLUMNS.map(([name]) => name),
    first,
    fetchNext,
    (error) => console.error(`findings export failed after the first batch: ${describeError(error)}`),
  );
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="parapet-findings-${stamp}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
