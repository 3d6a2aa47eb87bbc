import "server-only";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import type { SessionUser } from "@/lib/auth";
import { storedScopeOf } from "@/lib/data/users/user-access";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getActionIp } from "@/lib/http/get-action-ip";

/**
 * Removes a group mapping (admins). Users who only had this group are refused at their next
 * sign-in; to cut them off now, disable them or end their sessions. Audited.
 */
export async function deleteSsoMapping(actor: SessionUser, mappingId: string): Promise<void> {
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "only admins can edit single sign-on mappings");
  if (!/^[1-9]\d{0,17}$/.test(mappingId)) throw new AppError("NOT_FOUND", "no such mapping");
  const db = getDb();
  const row = await db.ssoGroupMapping.findUnique({ where: { id: BigInt(mappingId) } });
  if (!row) throw new AppError("NOT_FOUND", "no such mapping");
  const { count } = await db.ssoGroupMapping.deleteMany({ where: { id: row.id } });
  if (count === 0) throw new AppError("NOT_FOUND", "no such mapping");
  await createAuditEntry(
    {
      actorEmail: actor.email,
      action: "sso-mapping.delete",
      target: row.groupName,
      ip: await getActionIp(),
      detail: { role: row.role, ...storedScopeOf(row) },
    },
    db,
  );
}
