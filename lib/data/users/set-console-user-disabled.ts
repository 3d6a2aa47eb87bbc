import "server-only";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import type { SessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getActionIp } from "@/lib/http/get-action-ip";

/**
 * Disables or re-enables a user from the console (admins). A disabled user's sessions are
 * refused on their next request; re-enabling does not revive them (the version moves on).
 * Nobody disables themselves: that is how the last admin locks everyone out. Audited.
 */
export async function setConsoleUserDisabled(actor: SessionUser, userId: string, isDisabled: boolean): Promise<void> {
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "only admins can disable users");
  if (actor.id === userId && isDisabled) throw new AppError("CONFLICT", "you cannot disable yourself");
  const db = getDb();
  const updated = await db.user.updateManyAndReturn({
    where: { id: userId },
    data: { disabled: isDisabled, ...(isDisabled ? { sessionVersion: { increment: 1 } } : {}) },
    select: { email: true },
  });
  if (!updated[0]) throw new AppError("NOT_FOUND", "no such user");
  await createAuditEntry(
    {
      actorEmail: actor.email,
      action: isDisabled ? "user.disable" : "user.enable",
      target: updated[0].email,
      ip: await getActionIp(),
    },
    db,
  );
}
