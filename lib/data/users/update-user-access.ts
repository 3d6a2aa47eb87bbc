import "server-only";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import type { SessionUser } from "@/lib/auth";
import { isSameScope, normaliseAccess, storedScopeOf, scopeOfAccess, type TUserAccess } from "@/lib/data/users/user-access";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getActionIp } from "@/lib/http/get-action-ip";

/**
 * Changes a user's role and account scope (ids, tags, OU ids; admins). Takes effect on the
 * user's next request (role and scope are re-read per request). An admin cannot change their
 * own role: the last admin demoting themselves would leave nobody to undo it. Audited with
 * before and after.
 */
export async function updateUserAccess(actor: SessionUser, userId: string, input: TUserAccess): Promise<{ changed: boolean }> {
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "only admins can change roles and scopes");
  const access = normaliseAccess(input);
  const db = getDb();
  const row = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, role: true, allAccounts: true, accountScope: true, scopeTags: true, scopeOus: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "no such user");
  if (userId === actor.id && access.role !== "admin")
    throw new AppError("CONFLICT", "you cannot take the admin role from yourself; ask another admin");
  const before = storedScopeOf(row);
  const isRoleChange = row.role !== access.role;
  const isScopeChange = !isSameScope(before, access);
  if (!isRoleChange && !isScopeChange) return { changed: false };
  await db.user.update({ where: { id: userId }, data: access });
  const ip = await getActionIp();
  if (isRoleChange) {
    await createAuditEntry(
      {
        actorEmail: actor.email,
        action: "user.role-change",
        target: row.email,
        ip,
        detail: { from: row.role, to: access.role },
      },
      db,
    );
  }
  if (isScopeChange) {
    await createAuditEntry(
      {
        actorEmail: actor.email,
        action: "user.scope-change",
        target: row.email,
        ip,
        detail: { from: before, to: scopeOfAccess(access) },
      },
      db,
    );
  }
  return { changed: true };
}
