import "server-only";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import type { SessionUser } from "@/lib/auth";
import { isSameScope, normaliseAccess, storedScopeOf, scopeOfAccess, ZUserAccess, type TUserAccess } from "@/lib/data/users/user-access";
import { withTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getActionIp } from "@/lib/http/get-action-ip";

/**
 * Changes the role and scope (account ids, tags, OU ids) of one existing group mapping
 * (admins), chosen by its id: an edit of a mapping another admin removed meanwhile is
 * refused, not turned back into a new mapping as saving by group name would. Validated as
 * adding one is (the same role and scope schemas); members get the new access at their next
 * sign-in. Audited with before and after, as `sso-mapping.update` like a save that replaces.
 */
export async function updateSsoMapping(
  actor: SessionUser,
  mappingId: string,
  input: TUserAccess,
): Promise<{ groupName: string; changed: boolean }> {
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "only admins can edit single sign-on mappings");
  if (!/^[1-9]\d{0,17}$/.test(mappingId)) throw new AppError("NOT_FOUND", "no such mapping");
  const access = normaliseAccess(ZUserAccess.parse(input));
  const ip = await getActionIp();
  return withTransaction(async (client) => {
    // FOR UPDATE: a concurrent edit of the same mapping waits, so each audit row's "from" is what it replaced.
    const found = await client.query<{
      group_name: string;
      role: string;
      all_accounts: boolean;
      account_scope: string[];
      scope_tags: unknown;
      scope_ous: string[];
    }>(
      "SELECT group_name, role, all_accounts, account_scope, scope_tags, scope_ous FROM sso_group_mappings WHERE id = $1::bigint FOR UPDATE",
      [mappingId],
    );
    const row = found.rows[0];
    if (!row) throw new AppError("NOT_FOUND", "no such mapping (another admin may have removed it)");
    const before = storedScopeOf({
      allAccounts: row.all_accounts,
      accountScope: row.account_scope,
      scopeTags: row.scope_tags,
      scopeOus: row.scope_ous,
    });
    if (row.role === access.role && isSameScope(before, access)) return { groupName: row.group_name, changed: false };
    await client.query(
      `UPDATE sso_group_mappings SET role = $2, all_accounts = $3, account_scope = $4::text[], scope_tags = $5::jsonb, scope_ous = $6::text[]
       WHERE id = $1::bigint`,
      [mappingId, access.role, access.allAccounts, access.accountScope, JSON.stringify(access.scopeTags), access.scopeOus],
    );
    await createAuditEntry(
      {
        actorEmail: actor.email,
        action: "sso-mapping.update",
        target: row.group_name,
        ip,
        detail: { from: { role: row.role, ...before }, to: { role: access.role, ...scopeOfAccess(access) } },
      },
      client,
    );
    return { groupName: row.group_name, changed: true };
  });
}
