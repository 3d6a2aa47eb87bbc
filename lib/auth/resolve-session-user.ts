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
 * absolute maximum age. Two look-ups by key. Used by getSessionUser and by next-auth's jwt callback,
 * so /api/auth/session never renews an ended session.
 */
export async function resolveSessionUser(token: unknown): Promise<SessionUser | null> {
  const claims = parseSessionClaims(token);
  if (!claims || isPastMaxAge(claims, getSessionSettings().maxAgeSeconds)) return null;
  const user = await getDb().user.findFirst({
    where: { id: claims.sub, disabled: false, sessionVersion: claims.sv },
    select: { id: true, email: true, role: true, allAccounts: true, accountScope: true, scopeTags: true, scopeOus: true },
  });
  if (!user) return null;
  const ended = await getDb().endedSession.findUnique({ where: { sid: claims.sid }, select: { sid: true } });
  if (ended) return null;
  return { id: user.id, email: user.email, role: user.role as Role, scope: buildUserScope(user), sessionId: claims.sid };
}
