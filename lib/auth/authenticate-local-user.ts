import "server-only";
import { verifyPassword } from "@/lib/auth/password";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { getDb } from "@/lib/db";

/** Failed sign-ins allowed per email in LOCKOUT_WINDOW_MS before further attempts are refused unchecked. */
export const MAX_FAILED_SIGN_INS = 10;
const LOCKOUT_WINDOW_MS = 15 * 60_000;

/**
 * Checks a local account's password; every attempt, good or bad, goes to the audit log.
 * After MAX_FAILED_SIGN_INS failures for an email within 15 minutes, attempts are refused
 * without checking the password (audited as `auth.login-throttled`), which caps online
 * guessing at 40 tries an hour per account whatever the source address.
 */
export async function authenticateLocalUser(email: string, password: string, ip: string | null): Promise<{ id: string; email: string; name: string | null } | null> {
  const db = getDb();
  const recentFailures = await db.auditLog.count({
    where: { actorEmail: email, action: "auth.login-failed", at: { gte: new Date(Date.now() - LOCKOUT_WINDOW_MS) } },
  });
  if (recentFailures >= MAX_FAILED_SIGN_INS) {
    await createAuditEntry({ actorEmail: email, action: "auth.login-throttled", ip });
    return null;
  }
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true, disabled: true } });
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist.
  const hash = user?.passwordHash ?? "scrypt$32768$8$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  const isValid = (await verifyPassword(password, hash)) && !!user && !user.disabled && !!user.passwordHash;
  await createAuditEntry({ actorEmail: email, action: isValid ? "auth.login" : "auth.login-failed", ip });
  if (!isValid || !user) return null;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name };
}
