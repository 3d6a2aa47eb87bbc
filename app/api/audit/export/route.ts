import { NextResponse } from "next/server";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { requireApiUser } from "@/lib/auth";
import { toCsvRow } from "@/lib/csv/to-csv-row";
import { parseAuditFilters } from "@/lib/data/audit/audit-filters";
import { findAuditEntries, type AuditEntryRow } from "@/lib/data/audit/find-audit-entries";
import { describeError, isAppError } from "@/lib/errors";
import { getRequestIp } from "@/lib/http/get-request-ip";

export const dynamic = "force-dynamic";

const EXPORT_ROW_LIMIT = 200_000;
const BATCH_SIZE = 2_000;

const COLUMNS: Array<[string, (row: AuditEntryRow) => unknown]> = [
  ["id", (row) => row.id],
  ["at", (row) => row.at],
  ["actor_email", (row) => row.actorEmail],
  ["ip", (row) => row.ip],
  ["action", (row) => row.action],
  ["target", (row) => row.target],
  [
    "detail",
    (row) => (row.detail && typeof row.detail === "object" && Object.keys(row.detail).length > 0 ? JSON.stringify(row.detail) : ""),
  ],
];

/**
 * CSV of the audit log with the page's filters (admins), newest first, streamed in keyset
 * batches. Cells go through toCsvRow: targets and e-mails are user input, so formulas are
 * neutralised. The export itself is audited. A failure after the first bytes errors the
 * stream, so the download fails visibly instead of ending as a short file.
 */
export async function GET(request: Request): Promise<Response> {
  let user;
  try {
    user = await requireApiUser();
    if (user.role !== "admin")
      return NextResponse.json({ error: "FORBIDDEN", message: "only admins can export the audit log" }, { status: 403 });
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.code, message: error.message }, { status: error.status });
    throw error;
  }
  const { filters, errors } = parseAuditFilters(new URL(request.url).searchParams);
  if (errors.length > 0) return NextResponse.json({ error: "INVALID_INPUT", message: errors.join("; ") }, { status: 400 });
  await createAuditEntry({ actorEmail: user.email, action: "audit.export", ip: getRequestIp(request.headers), detail: { filters } });
  const encoder = new TextEncoder();
  let before = filters.before;
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
        const page = await findAuditEntries(
          user,
          { ...filters, ...(before ? { before } : {}) },
          { limit: Math.min(BATCH_SIZE, EXPORT_ROW_LIMIT - written) },
        );
        controller.enqueue(encoder.encode(page.rows.map((row) => toCsvRow(COLUMNS.map(([, read]) => read(row)))).join("")));
        written += page.rows.length;
        before = page.nextBefore ?? undefined;
        if (!before || written >= EXPORT_ROW_LIMIT) controller.close();
      } catch (error) {
        console.error(`audit export failed: ${describeError(error)}`);
        controller.error(error);
      }
    },
  });
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="parapet-audit-${stamp}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
