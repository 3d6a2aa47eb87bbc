import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";

/**
 * Which of `ids` are already registered with a role (accounts known only from records do
 * not count: discovery proposes them for onboarding), within the user's scope.
 */
export async function findRegisteredAccountIds(user: SessionUser, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await getDb().$queryRaw<Array<{ id: string }>>`
    SELECT a.id FROM accounts a
    WHERE a.id = ANY(${ids}::text[]) AND a.status <> 'data_only' AND ${accountInScope(user.scope, "a.id")}`;
  return new Set(rows.map((row) => row.id));
}
