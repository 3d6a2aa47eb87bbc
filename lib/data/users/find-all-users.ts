import "server-only";
import type pg from "pg";

export interface UserListRow {
  email: string;
  role: string;
  allAccounts: boolean;
  accountScope: string[];
  scopeTags: Array<{ key: string; value: string }>;
  scopeOus: string[];
  disabled: boolean;
  lastLoginAt: Date | null;
}

/** Every local user by email, for `parapet users list` (an operator with database access: no session, no scope). */
export async function findAllUsers(pool: pg.Pool): Promise<UserListRow[]> {
  const result = await pool.query<{
    email: string;
    role: string;
    all_accounts: boolean;
    account_scope: string[] | null;
    scope_tags: Array<{ key: string; value: string }> | null;
    scope_ous: string[] | null;
    disabled: boolean;
    last_login_at: Date | null;
  }>("SELECT email, role, all_accounts, account_scope, scope_tags, scope_ous, disabled, last_login_at FROM users ORDER BY email");
  return result.rows.map((row) => ({
    email: row.email,
    role: row.role,
    allAccounts: row.all_accounts,
    accountScope: row.account_scope ?? [],
    scopeTags: row.scope_tags ?? [],
    scopeOus: row.scope_ous ?? [],
    disabled: row.disabled,
    lastLoginAt: row.last_login_at,
  }));
}
