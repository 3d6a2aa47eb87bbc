import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth";
import { toCsvRow } from "@/lib/csv/to-csv-row";
import { findFindings, type FindingRow } from "@/lib/data/findings/find-findings";
import { parseFindingFilters } from "@/lib/data/findings/finding-filters";
import { getDb } from "@/lib/db";
import { describeError, isAppError } from "@/lib/errors";
import { getRequestIp } from "@/lib/http/get-request-ip";

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
 * CSV of the findings explorer's current filters (same scoped query, same order), streamed
 * in keyset batches up to EXPORT_ROW_LIMIT rows. Every cell goes through toCsvRow, which
 * neutralises spreadsheet formulas.
 */
export async function GET(request: Request): Promise<Response> {
  let user;
  try {
    user = await requireApiUser();
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.message }, { status: error.status });
    throw error;
  }
  const filters = parseFindingFilters(new URL(request.url).searchParams);
  // Who took a copy of which findings, and from where.
  await getDb().auditLog.create({ data: { actorEmail: user.email, action: "findings.export", ip: getRequestIp(request.headers), detail: JSON.parse(JSON.stringify({ filters })) } });
  const encoder = new TextEncoder();
  let after: string | undefined;
  let written = 0;
  let isHeaderSent = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!isHeaderSent) {
          isHeaderSent = true;
          controller.enqueue(encoder.encode(`\uFEFF${toCsvRow(COLUMNS.map(([name]) => name))}`));
          return;
        }
        const page = await findFindings(user, filters, { ...(after ? { after } : {}), limit: Math.min(BATCH_SIZE, EXPORT_ROW_LIMIT - written) });
        controller.enqueue(encoder.encode(page.rows.map((row) => toCsvRow(COLUMNS.map(([, read]) => read(row)))).join("")));
        written += page.rows.length;
        after = page.nextCursor ?? undefined;
        if (!after || written >= EXPORT_ROW_LIMIT) controller.close();
      } catch (error) {
        console.error(`findings export failed: ${describeError(error)}`);
        controller.error(error);
      }
    },
  });
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
