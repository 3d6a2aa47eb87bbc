import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ReportScope } from "@/lib/reports/report-scope";

/**
 * Refuses (FORBIDDEN) a report scope that lists an account the user cannot see now. The
 * second half of authoriseReportRequest for an explicit account list asked by a tag- or
 * OU-scoped user (whose scope only the accounts table can resolve); a no-op for other
 * scopes, which authoriseReportRequest judged on their terms. Unknown ids are refused the
 * same way as ids out of scope, so ids cannot be probed.
 */
export async function ensureReportAccountsVisible(user: SessionUser, scope: ReportScope): Promise<void> {
  if (user.scope.all || scope.all || scope.tags.length > 0 || scope.ouIds.length > 0) return;
  const ids = [...new Set(scope.accountIds)];
  const rows = await getDb().$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM accounts a WHERE a.id = ANY(${ids}::text[]) AND ${accountInScope(user.scope, "a.id")}`;
  if ((rows[0]?.n ?? 0) !== ids.length) throw new AppError("FORBIDDEN", "the report's scope must lie within the accounts you can see");
}
