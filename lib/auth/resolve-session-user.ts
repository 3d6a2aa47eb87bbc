import "server-only";
import type { Role, SessionUser } from "@/lib/auth";
import { buildUserScope } from "@/lib/auth/account-scope";
import { getSessionSettings } from "@/lib/auth/session-settings";
import { isPastMaxAge, parseSessionClaims } from "@/lib/auth/session-token";
import { getDb } from "@/lib/db";

/**
 * The user a decoded session token stands for, or null when the session has ended: the
 * user is gone or disabled, their session version moved on (sign out everywhere, an admin
 * ending their sessions, a password reset), this session was signed out, or it is past its
 * absolute maximum age. One statement by key (every console request runs it, so the
 * ended-session check is part of it, not a second round trip). Used by getSessionUser and by
 * next-auth's jwt callback, so /api/auth/session never renews an ended session.
 */
export async function resolveSessionUser(token: unknown): Promise<SessionUser | null> {
  const claims = parseSessionClaims(token);
  if (!claims || isPastMaxAge(claims, getSessionSettings().maxAgeSeconds)) return null;
  // The claims are checked uuids and an integer (ZSessionClaims) before they reach the statement.
  const rows = await getDb().$queryRaw<
    Array<{
      id: string;
      email: string;
      role: string;
      all_accounts: boolean;
      account_scope: string[];
      scope_tags: unknown;
      scope_ous: string[];
    }>
  >`
    SELECT u.id::text AS id, u.email, u.role, u.all_accounts, u.account_scope, u.scope_tags, u.scope_ous
    FROM users u
    WHERE u.id = ${claims.sub}::uuid AND NOT u.disabled AND u.session_version = ${claims.sv}
      AND NOT EXISTS (SELECT 1 FROM ended_sessions e WHERE e.sid = ${claims.sid}::uuid)`;
  const user = rows[0];
  if (!user) return null;
  const scope = buildUserScope({
    role: user.role,
    allAccounts: user.all_accounts,
    accountScope: user.account_scope,
    scopeTags: user.scope_tags,
    scopeOus: user.scope_ous,
  });
  return { id: user.id, email: user.email, role: user.role as Role, scope, sessionId: claims.sid };
}
