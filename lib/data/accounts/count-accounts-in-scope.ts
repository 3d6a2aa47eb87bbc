import "server-only";
import type { SessionUser } from "@/lib/auth";
import type { AccountScope } from "@/lib/auth/account-scope";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";

/**
 * How many accounts a scope (a user's or an SSO mapping's, being edited or listed) matches
 * now, resolved by the same scope helper every query uses, so the preview is what the user
 * will see; with up to `sampleSize` of their names. Only accounts the reader may see count.
 */
export async function countAccountsInScope(
  user: SessionUser,
  scope: AccountScope,
  sampleSize = 5,
): Promise<{ count: number; sample: Array<{ id: string; name: string }> }> {
  const rows = await getDb().$queryRaw<Array<{ id: string; name: string; total: number }>>`
    SELECT a.id, a.name, (count(*) OVER ())::int AS total FROM accounts a
    WHERE ${accountInScope(user.scope, "a.id")} AND ${accountInScope(scope, "a.id")}
    ORDER BY a.name, a.id
    LIMIT ${Math.max(1, Math.trunc(sampleSize))}`;
  // The window count is taken before LIMIT: the total, whatever the sample size.
  return { count: rows[0]?.total ?? 0, sample: rows.slice(0, sampleSize).map((row) => ({ id: row.id, name: row.name })) };
}
