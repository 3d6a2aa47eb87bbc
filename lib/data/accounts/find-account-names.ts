import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";

/**
 * The names of the given accounts that the user may see, by name: what a filter's chosen
 * accounts show as, without reading every account. An id outside the scope or unknown is
 * simply absent (the caller shows the bare id).
 */
export async function findAccountNames(user: SessionUser, ids: string[]): Promise<Array<{ id: string; name: string }>> {
  if (ids.length === 0) return [];
  return getDb().$queryRaw<Array<{ id: string; name: string }>>`
    SELECT a.id, a.name FROM accounts a
    WHERE a.id = ANY(${ids}::text[]) AND ${accountInScope(user.scope, "a.id")}
    ORDER BY a.name ASC, a.id ASC`;
}
