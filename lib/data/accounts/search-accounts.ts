import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";

/** A picker shows a short list to choose from; typing more narrows it. */
export const ACCOUNT_SEARCH_LIMIT = 20;

export interface AccountSuggestion {
  id: string;
  name: string;
  owner: string | null;
}

/**
 * Accounts in the user's scope whose name, id or owner contains `q` (case-insensitive; `%`
 * and `_` are literal), at most ACCOUNT_SEARCH_LIMIT: the account picker's suggestions, so
 * a filter never has to list every account. Those that start with `q` (by name or id) come
 * first, then by name and id, so the same text always gives the same list.
 */
export async function searchAccounts(user: SessionUser, q: string): Promise<AccountSuggestion[]> {
  const escaped = q.replace(/[\\%_]/g, (match) => `\\${match}`);
  const contains = `%${escaped}%`;
  const prefix = `${escaped}%`;
  return getDb().$queryRaw<AccountSuggestion[]>`
    SELECT a.id, a.name, a.owner FROM accounts a
    WHERE ${accountInScope(user.scope, "a.id")}
      AND (a.name ILIKE ${contains} OR a.id LIKE ${contains} OR a.owner ILIKE ${contains})
    ORDER BY (a.name ILIKE ${prefix} OR a.id LIKE ${prefix}) DESC, a.name ASC, a.id ASC
    LIMIT ${ACCOUNT_SEARCH_LIMIT}`;
}
