import "server-only";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getActionIp } from "@/lib/http/get-action-ip";

export const ZPasswordChange = z
  .object({
    current: z.string().min(1, "enter your current password").max(1024),
    next: z.string().min(12, "at least 12 characters").max(1024),
    confirm: z.string().max(1024),
  })
  .refine((value) => value.next === value.confirm, { path: ["confirm"], message: "the two new passwords differ" })
  .refine((value) => value.next !== value.current, { path: ["next"], message: "choose a password you have not used here" });

/**
 * The signed-in local user changes their password, proving the current one first. Every
 * session ends, this one included: a stolen session must not outlive the password change.
 * A wrong current password is audited as a failure. Audited.
 */
export async function changeOwnPassword(actor: SessionUser, input: z.input<typeof ZPasswordChange>): Promise<void> {
  const parsed = ZPasswordChange.parse(input);
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!user?.passwordHash)
    throw new AppError("CONFLICT", "you sign in with single sign-on; change your password at your identity provider");
  const ip = await getActionIp();
  if (!(await verifyPassword(parsed.current, user.passwordHash))) {
    await createAuditEntry({ actorEmail: actor.email, action: "user.password-change-failed", target: actor.email, ip }, db);
    throw new AppError("INVALID_INPUT", "the current password is wrong", { fieldErrors: { current: ["the current password is wrong"] } });
  }
  await db.user.update({
    where: { id: actor.id },
    data: { passwordHash: await hashPassword(parsed.next), sessionVersion: { increment: 1 } },
  });
  await createAuditEntry({ actorEmail: actor.email, action: "user.password-change", target: actor.email, ip }, db);
}
