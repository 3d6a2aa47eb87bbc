import "server-only";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import type { SessionUser } from "@/lib/auth";
import { ZSsoMappingInput, type TSsoMappingInput } from "@/lib/data/sso/sso-mapping-input";
import { normaliseAccess, storedScopeOf, scopeOfAccess } from "@/lib/data/users/user-access";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getActionIp } from "@/lib/http/get-action-ip";

/**
 * Adds a group mapping, or replaces the role and scope (account ids, tags, OU ids) of an
 * existing one for the same group (admins). SSO users get the new access at their next
 * sign-in. Audited with before and after.
 */
export async function saveSsoMapping(actor: SessionUser, input: TSsoMappingInput): Promise<void> {
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "only admins can edit single sign-on mappings");
  const parsed = ZSsoMappingInput.parse(input);
  const access = normaliseAccess(parsed);
  const db = getDb();
  const before = await db.ssoGroupMapping.findUnique({ where: { groupName: parsed.groupName } });
  await db.ssoGroupMapping.upsert({
    where: { groupName: parsed.groupName },
    create: { groupName: parsed.groupName, ...access, createdBy: actor.email },
    update: access,
  });
  await createAuditEntry(
    {
      actorEmail: actor.email,
      action: before ? "sso-mapping.update" : "sso-mapping.create",
      target: parsed.groupName,
      ip: await getActionIp(),
      detail: {
        ...(before ? { from: { role: before.role, ...storedScopeOf(before) } } : {}),
        to: { role: access.role, ...scopeOfAccess(access) },
      },
    },
    db,
  );
}
