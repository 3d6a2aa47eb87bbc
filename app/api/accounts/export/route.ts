import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { getRequestIp } from "@/lib/http/get-request-ip";
import { createCsvStream, type CsvBatch } from "@/lib/csv/create-csv-stream";
import { parseAccountListParams } from "@/lib/data/accounts/account-list-filters";
import { findAccountListPage, type AccountListEntry } from "@/lib/data/accounts/find-account-list-page";
import { describeError, isAppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";

export const dynamic = "force-dynamic";

/**
 * Accounts per batch: an organisation of up to 5,000 (about 1 MB of CSV) is one query, so one
 * consistent read; a larger one streams in pages of the same query.
 */
const BATCH_SIZE = 5000;

const COLUMNS: Array<[string, (row: AccountListEntry) => unknown]> = [
  ["account_id", (row) => row.id],
  ["name", (row) => row.name],
  ["owner", (row) => row.owner],
  [
    "tags",
    (row) =>
      Object.entries(row.tags)
        .map(([key, value]) => `${key}=${value}`)
        .join("; "),
  ],
  ["ou_path", (row) => row.ouPath],
  ["regions", (row) => row.regions.join(" ")],
  ["status", (row) => row.status],
  ["last_run_status", (row) => row.lastRunStatus],
  ["last_collected_at", (row) => row.lastCollectedAt],
  ["stale", (row) => row.stale],
  ["score", (row) => row.score],
  ["score_week_ago", (row) => row.weekAgoScore],
  ["change", (row) => row.change],
  ["coverage", (row) => row.coverage],
  ["active_critical", (row) => row.critical],
  ["active_high", (row) => row.high],
];

/**
 * CSV of the accounts list with the same filters and order as the page, every page of it:
 * the page's own query (findAccountListPage) walked page by page, so the filters and the sort
 * have one implementation. The first batch is read before answering (a failure there is an
 * error status, and its total is what the audit row records), later ones are streamed and a
 * failure aborts the download (lib/csv/create-csv-stream.ts). Cells formula-safe through
 * toCsvRow; audited. The batches are pages of one order with ties broken by id, so an export
 * of up to BATCH_SIZE (5,000) accounts is one consistent read; past that, an account rescored between
 * two batches can move across their boundary (the price of not holding a transaction open
 * while a client downloads).
 */
export async function GET(request: Request): Promise<Response> {
  let user;
  try {
    user = await requireApiUser();
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.message }, { status: error.status });
    throw error;
  }
  let first: CsvBatch;
  let fetchNext: (cursor: string) => Promise<CsvBatch>;
  try {
    const params = parseAccountListParams(new URL(request.url).searchParams);
    // One instant for every batch: "stale" must not change its meaning halfway through a file.
    const now = new Date();
    const toBatch = (page: Awaited<ReturnType<typeof findAccountListPage>>, asked: number): CsvBatch =>
      // A page past the end answers the last one again: the list shrank since the first batch, and those rows went out already.
      page.page === asked
        ? {
            rows: page.rows.map((row) => COLUMNS.map(([, read]) => read(row))),
            next: page.page < page.pages ? String(page.page + 1) : null,
          }
        : { rows: [], next: null };
    fetchNext = async (cursor) =>
      toBatch(await findAccountListPage(user, params, { page: Number(cursor), size: BATCH_SIZE }, now), Number(cursor));
    const head = await findAccountListPage(user, params, { page: 1, size: BATCH_SIZE }, now);
    first = toBatch(head, 1);
    // Issue 12: every export is in the audit log, with the filters and how many accounts left.
    await createAuditEntry({
      actorEmail: user.email,
      action: "accounts.export",
      ip: getRequestIp(request.headers),
      detail: { filters: params, rows: head.total },
    });
  } catch (error) {
    return errorResponse(error, "accounts export");
  }
  const stream = createCsvStream(
    COLUMNS.map(([name]) => name),
    first,
    fetchNext,
    (error) => console.error(`accounts export failed after the first batch: ${describeError(error)}`),
  );
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="parapet-accounts-${stamp}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
