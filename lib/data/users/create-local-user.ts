import "server-only";
import type pg from "pg";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { ZAccountId } from "@/lib/aws/account-id";

export const ZLocalUserInput = z
  .object({
    email: z.email().max(320).transform((email) => email.toLowerCase()),
    role: z.enum(["admin", "analyst", "viewer"]),
    /** Accounts the user may see; ignored for admins (they see all). Empty + allAccounts false = sees nothing. */
    accountScope: z.array(ZAccountId).default([]),
    allAccounts: z.boolean().default(false),
    password: z.string().min(12, "passwords are at least 12 characters").max(1024),
  })
  .strict();
export type TLocalUserInput = z.input<typeof ZLocalUserInput>;

/** Creates a local user (or resets an existing one's role, scope and password, ending their sessions). Audited. */
export async function createLocalUser(pool: pg.Pool, input: TLocalUserInput, actor: string): Promise<void> {
  const user = ZLocalUserInput.parse(input);
  const passwordHash = await hashPassword(user.password);
  const allAccounts = user.role === "admin" || user.allAccounts;
  await pool.query(
    `INSERT INTO users (email, password_hash, role, all_accounts, account_scope)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role,
       all_accounts = EXCLUDED.all_accounts, account_scope = EXCLUDED.account_scope, disabled = false,
       session_version = users.session_version + 1`,
    [user.email, passwordHash, user.role, allAccounts, allAccounts ? [] : user.accountScope],
  );
  await pool.query("INSERT INTO audit_log (actor_email, action, target, detail) VALUES ($1, 'user.upsert', $2, $3)", [
    actor,
    user.email,
    JSON.stringify({ role: user.role, allAccounts, accountScope: allAccounts ? [] : user.accountScope }),
  ]);
}
