import "server-only";
import { buildUserScope } from "@/lib/auth/account-scope";
import { hashApiToken } from "@/lib/auth/api-token-format";
import type { Role, SessionUser } from "@/lib/auth";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { getDb } from "@/lib/db";

/** What the audit row of a token use names: the request, and where it came from. */
export interface ApiTokenRequest {
  method: string;
  /** Path and query of the request (cut to 500 characters). */
  target: string;
  ip: string | null;
}

/**
 * The user an API token acts for, or null. The token acts as its maker: the maker's role,
 * scope and status are read afresh on every request (like a session), so narrowing a
 * scope, lowering a role or disabling the maker applies to the next call; a revoked or
 * expired token is refused at once (the check is `now()` in the same query). Lookup is by
 * the SHA-256 of the token: the token itself is never stored.
 *
 * Every accepted request is audited as `api.token-use` with the token's name (one row per
 * request, not per row returned). A refused token that matches a stored one (revoked,
 * expired, maker disabled) is audited as `api.token-refused`; an unknown token is not:
 * there is nobody to attribute it to, and it would let anyone fill the log.
 */
export async function authenticateApiToken(token: string, request: ApiTokenRequest): Promise<SessionUser | null> {
  const db = getDb();
  const rows = await db.$queryRaw<
    Array<{
      token_id: string;
      token_name: string;
      is_revoked: boolean;
      is_expired: boolean;
      user_id: string;
      email: string;
      role: string;
      all_accounts: boolean;
      account_scope: string[] | null;
      scope_tags: unknown;
      scope_ous: string[] | null;
      disabled: boolean;
    }>
  >`
    SELECT t.id::text AS token_id, t.name AS token_name, t.revoked_at IS NOT NULL AS is_revoked, t.expires_at <= now() AS is_expired,
           u.id::text AS user_id, u.email, u.role, u.all_accounts, u.account_scope, u.scope_tags, u.scope_ous, u.disabled
    FROM api_tokens t JOIN users u ON u.id = t.user_id
    WHERE t.token_hash = ${hashApiToken(token)}`;
  const row = rows[0];
  if (!row) return null;
  const target = `${request.method} ${request.target}`.slice(0, 500);
  const refusal = row.is_revoked ? "revoked" : row.is_expired ? "expired" : row.disabled ? "user disabled" : null;
  if (refusal) {
    await createAuditEntry({
      actorEmail: row.email,
      action: "api.token-refused",
      target,
      detail: { token: row.token_name, tokenId: row.token_id, reason: refusal },
      ip: request.ip,
    });
    return null;
  }
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: row.token_id }, data: { lastUsedAt: new Date() } });
    await createAuditEntry(
      { actorEmail: row.email, action: "api.token-use", target, detail: { token: row.token_name, tokenId: row.token_id }, ip: request.ip },
      tx,
    );
  });
  return {
    id: row.user_id,
    email: row.email,
    role: row.role as Role,
    scope: buildUserScope({
      role: row.role,
      allAccounts: row.all_accounts,
      accountScope: row.account_scope,
      scopeTags: row.scope_tags,
      scopeOus: row.scope_ous,
    }),
    apiToken: { id: row.token_id, name: row.token_name },
  };
}
