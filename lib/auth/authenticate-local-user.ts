import "server-only";
import { verifyPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";

/** Checks a local account's password; every attempt, good or bad, goes to the audit log. */
export async function authenticateLocalUser(email: string, password: string, ip: string | null): Promise<{ id: string; email: string; name: string | null } | null> {
  const db = getDb();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true, disabled: true } });
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist.
  const hash = user?.passwordHash ?? "scrypt$32768$8$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  const isValid = (await verifyPassword(password, hash)) && !!user && !user.disabled && !!user.passwordHash;
  await db.auditLog.create({ data: { actorEmail: email, action: isValid ? "auth.login" : "auth.login-failed", ip } });
  if (!isValid || !user) return null;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name };
}
