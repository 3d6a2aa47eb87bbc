import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";

/** The distinct regions the accounts in the user's scope are collected in, sorted: the region filter's choices (a handful, whatever the number of accounts). */
export async function findScopeRegions(user: SessionUser): Promise<string[]> {
  const rows = await getDb().$queryRaw<Array<{ region: string }>>`
    SELECT DISTINCT r.region FROM accounts a CROSS JOIN LATERAL unnest(a.regions) AS r(region)
    WHERE ${accountInScope(user.scope, "a.id")}
    ORDER BY r.region`;
  return rows.map((row) => row.region);
}
