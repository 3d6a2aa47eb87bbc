import "server-only";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import type { SessionUser } from "@/lib/auth";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getActionIp } from "@/lib/http/get-action-ip";

/**
 * An admin resets a local user's password: a generated one is returned once, and every
 * session of the user ends (whoever knew the old password is signed out). SSO users have no
 * password here; their IdP owns it. Audited (never the password).
 */
export async function resetUserPassword(actor: SessionUser, userId: string): Promise<{ email: string; password: string }> {
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "only admins can reset passwords");
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user) throw new AppError("NOT_FOUND", "no such user");
  if (!user.passwordHash)
    throw new AppError("CONFLICT", `${user.email} signs in with single sign-on; reset the password at the identity provider`);
  const password = generatePassword();
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password), sessionVersion: { increment: 1 } } });
  await createAuditEntry({ actorEmail: actor.email, action: "user.password-reset", target: user.email, ip: await getActionIp() }, db);
  return { email: user.email, password };
}
