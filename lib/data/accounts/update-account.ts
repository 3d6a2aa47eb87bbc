import "server-only";
import { getActionIp } from "@/lib/http/get-action-ip";
import type { SessionUser } from "@/lib/auth";
import { canManageAccounts } from "@/lib/auth/permissions";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { getDb } from "@/lib/db";
import { isRoleInAccount, ZAccountInput } from "@/lib/data/accounts/register-accounts";
import { AppError } from "@/lib/errors";

export interface AccountChanges {
  name: string;
  roleArn: string;
  /** null keeps the stored ExternalId (the console never shows it back). */
  externalId: string | null;
  regions: string[];
  owner: string | null;
}

/** The account input, where a null ExternalId means "keep the stored one". */
const ZAccountChanges = ZAccountInput.omit({ tags: true }).extend({ externalId: ZAccountInput.shape.externalId.nullable() });

export type ChangedField = "name" | "roleArn" | "externalId" | "regions" | "owner";

/**
 * Edits a registered account (admins only), audited in the same transaction with the
 * names of the fields that changed (the ExternalId's value is never written to the log).
 * A new role or ExternalId puts an enabled account back to `pending` until its next
 * collection proves the role; a disabled account stays disabled. Data of regions taken
 * off the list stays stored; those regions are simply no longer collected.
 */
export async function updateAccount(actor: SessionUser, accountId: string, changes: AccountChanges): Promise<{ changed: ChangedField[] }> {
  if (!canManageAccounts(actor)) throw new AppError("FORBIDDEN", "only admins can edit accounts");
  const parsed = ZAccountChanges.parse({ id: accountId, ...changes });
  if (!isRoleInAccount(accountId, parsed.roleArn)) {
    throw new AppError("INVALID_INPUT", `the role must be in account ${accountId}`, {
      fieldErrors: { roleArn: [`the role must be in account ${accountId}`] },
    });
  }
  return getDb().$transaction(async (tx) => {
    const current = await tx.account.findFirst({
      where: { id: accountId },
      select: { name: true, roleArn: true, externalId: true, regions: true, owner: true, status: true },
    });
    if (!current) throw new AppError("NOT_FOUND", `account ${accountId} not found`);
    if (current.status === "data_only" || current.roleArn === null) {
      throw new AppError("CONFLICT", `account ${accountId} is not registered with a role: add it instead`);
    }
    const next = {
      name: parsed.name,
      roleArn: parsed.roleArn,
      externalId: parsed.externalId ?? current.externalId,
      regions: parsed.regions,
      owner: parsed.owner ?? null,
    };
    const changed = (["name", "roleArn", "externalId", "regions", "owner"] as const).filter(
      (field) => JSON.stringify(current[field]) !== JSON.stringify(next[field]),
    );
    if (changed.length === 0) return { changed };
    const isNewRole = changed.includes("roleArn") || changed.includes("externalId");
    await tx.account.update({
      where: { id: accountId },
      data: { ...next, ...(isNewRole && current.status !== "disabled" ? { status: "pending", statusError: null } : {}) },
    });
    const shown = (field: ChangedField, value: AccountChanges) => (field === "externalId" ? "(not logged)" : value[field]);
    await createAuditEntry(
      {
        actorEmail: actor.email,
        action: "account.update",
        ip: await getActionIp(),
        target: accountId,
        detail: {
          changed,
          before: Object.fromEntries(changed.map((field) => [field, shown(field, current as AccountChanges)])),
          after: Object.fromEntries(changed.map((field) => [field, shown(field, next)])),
        },
      },
      tx,
    );
    return { changed };
  });
}
