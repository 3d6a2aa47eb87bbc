import "server-only";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import type { SessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getActionIp } from "@/lib/http/get-action-ip";

/**
 * Ends every session of a user by bumping their session version: each token carries the
 * version it was issued under and is refused once it differs. The user themselves ("sign
 * out everywhere") or an admin ("end sessions"). Audited.
 */
export async function endUserSessions(actor: SessionUser, userId: string): Promise<void> {
  if (actor.id !== userId && actor.role !== "admin") throw new AppError("FORBIDDEN", "only admins can end another user's sessions");
  const db = getDb();
  const updated = await db.user.updateManyAndReturn({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: { email: true },
  });
  const target = updated[0];
  if (!target) throw new AppError("NOT_FOUND", "no such user");
  await createAuditEntry(
    {
      actorEmail: actor.email,
      action: actor.id === userId ? "auth.logout-everywhere" : "user.end-sessions",
      target: target.email,
      ip: await getActionIp(),
    },
    db,
  );
}
