import "server-only";
import type pg from "pg";
import { z } from "zod";
import { ZOuId, ZScopeTag } from "@/lib/auth/account-scope";
import { hashPassword } from "@/lib/auth/password";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { ZAccountId } from "@/lib/aws/account-id";

export const ZLocalUserInput = z
  .object({
    email: z
      .email()
      .max(320)
      .transform((email) => email.toLowerCase()),
    role: z.enum(["admin", "analyst", "viewer"]),
    /** Accounts the user may see; ignored for admins (they see all). Empty + allAccounts false = sees nothing. */
    accountScope: z.array(ZAccountId).default([]),
    /** Accounts carrying any of these tags (exact key and value) are in scope too. */
    scopeTags: z.array(ZScopeTag).default([]),
    /** So are accounts with any of these OU (or root) ids on their OU path. */
    scopeOus: z.array(ZOuId).default([]),
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
  const scope = allAccounts
    ? { accountScope: [], scopeTags: [], scopeOus: [] }
    : { accountScope: user.accountScope, scopeTags: user.scopeTags, scopeOus: user.scopeOus };
  await pool.query(
    `INSERT INTO users (email, password_hash, role, all_accounts, account_scope, scope_tags, scope_ous)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role,
       all_accounts = EXCLUDED.all_accounts, account_scope = EXCLUDED.account_scope,
       scope_tags = EXCLUDED.scope_tags, scope_ous = EXCLUDED.scope_ous, disabled = false,
       session_version = users.session_version + 1`,
    [user.email, passwordHash, user.role, allAccounts, scope.accountScope, JSON.stringify(scope.scopeTags), scope.scopeOus],
  );
  await createAuditEntry(
    {
      actorEmail: actor,
      action: "user.upsert",
      ip: null,
      target: user.email,
      detail: { role: user.role, allAccounts, ...scope },
    },
    pool,
  );
}
