import "server-only";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { getSessionSettings } from "@/lib/auth/session-settings";
import { parseSessionClaims } from "@/lib/auth/session-token";
import { getDb } from "@/lib/db";
import { getActionIp } from "@/lib/http/get-action-ip";

/**
 * Ends one session at sign-out: its id is recorded, and the token is refused from then on
 * even if someone kept a copy of the cookie. The row is kept until the token's absolute
 * maximum age, after which the token is refused anyway. Audited as `auth.logout`.
 */
export async function endSession(token: unknown): Promise<void> {
  const claims = parseSessionClaims(token);
  if (!claims) return;
  const db = getDb();
  const expiresAt = new Date((claims.authAt + getSessionSettings().maxAgeSeconds) * 1000);
  await db.endedSession.upsert({ where: { sid: claims.sid }, create: { sid: claims.sid, userId: claims.sub, expiresAt }, update: {} });
  // Rows past their use; cheap with the index, and keeps the table to the live sessions' size.
  await db.endedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  const email = (token as { email?: unknown }).email;
  await createAuditEntry(
    {
      actorEmail: typeof email === "string" ? email : null,
      action: "auth.logout",
      target: typeof email === "string" ? email : claims.sub,
      ip: await getActionIp(),
      detail: { sessionId: claims.sid },
    },
    db,
  );
}
