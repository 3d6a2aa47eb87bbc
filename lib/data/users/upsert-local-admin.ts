import "server-only";
import type pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";

/**
 * Creates (or resets the password of) the local admin used by the embedded default.
 * Admins see every account. Audited like every admin action.
 */
export async function upsertLocalAdmin(pool: pg.Pool, email: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await pool.query(
    `INSERT INTO users (email, name, password_hash, role, all_accounts, account_scope)
     VALUES ($1, 'Local admin', $2, 'admin', true, '{}')
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = 'admin', all_accounts = true, disabled = false,
       session_version = users.session_version + 1`,
    [email.toLowerCase(), hash],
  );
  await createAuditEntry({ actorEmail: "parapet-cli", action: "user.admin-password-set", ip: null, target: email.toLowerCase() }, pool);
}
