import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { getRequestIp } from "@/lib/http/get-request-ip";
import { toCsvRow } from "@/lib/csv/to-csv-row";
import { findAccounts } from "@/lib/data/accounts/find-accounts";
import { findAccountOverview } from "@/lib/data/overview/find-account-overview";
import { isAppError } from "@/lib/errors";
import {
  buildAccountList,
  filterAccountList,
  parseAccountListParams,
  type AccountListEntry,
} from "@/app/(console)/accounts/_lib/account-list";
import { errorResponse } from "@/lib/http/error-response";

export const dynamic = "force-dynamic";

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

/** CSV of the accounts list with the same filters and order as the page (cells formula-safe through toCsvRow); audited. */
export async function GET(request: Request): Promise<Response> {
  let user;
  try {
    user = await requireApiUser();
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.message }, { status: error.status });
    throw error;
  }
  let params;
  try {
    params = parseAccountListParams(new URL(request.url).searchParams);
  } catch (error) {
    return errorResponse(error, "accounts export");
  }
  const [accounts, overview] = await Promise.all([findAccounts(user), findAccountOverview(user)]);
  const rows = filterAccountList(buildAccountList(accounts, overview), params);
  // Issue 12: every export is in the audit log, with the filters and how many accounts left.
  await createAuditEntry({
    actorEmail: user.email,
    action: "accounts.export",
    ip: getRequestIp(request.headers),
    detail: { filters: params, rows: rows.length },
  });
  const body = `\uFEFF${toCsvRow(COLUMNS.map(([name]) => name))}${rows.map((row) => toCsvRow(COLUMNS.map(([, read]) => read(row)))).join("")}`;
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="parapet-accounts-${stamp}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
