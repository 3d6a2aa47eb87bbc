import "server-only";
import { getActionIp } from "@/lib/http/get-action-ip";
import type { SessionUser } from "@/lib/auth";
import { canManageAccounts } from "@/lib/auth/permissions";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { getDb } from "@/lib/db";
import { isRoleInAccount, ZAccountInput, type TAccountInput } from "@/lib/data/accounts/register-accounts";
import { AppError } from "@/lib/errors";

/**
 * Onboards one account from the console (admins only), audited in the same transaction.
 * An account known only from imported records (`data_only`) is promoted; any other
 * existing account is a CONFLICT: the console never overwrites a role silently.
 */
export async function createAccount(actor: SessionUser, input: TAccountInput): Promise<{ id: string; isPromoted: boolean }> {
  if (!canManageAccounts(actor)) throw new AppError("FORBIDDEN", "only admins can add accounts");
  const parsed = ZAccountInput.parse(input);
  if (!isRoleInAccount(parsed.id, parsed.roleArn)) {
    throw new AppError("INVALID_INPUT", `the role must be in account ${parsed.id}`, {
      fieldErrors: { roleArn: [`the role must be in account ${parsed.id}`] },
    });
  }
  return getDb().$transaction(async (tx) => {
    const existing = await tx.account.findFirst({ where: { id: parsed.id }, select: { status: true } });
    if (existing && existing.status !== "data_only") {
      throw new AppError("CONFLICT", `account ${parsed.id} is already registered`, {
        fieldErrors: { id: [`account ${parsed.id} is already registered`] },
      });
    }
    const data = {
      name: parsed.name,
      roleArn: parsed.roleArn,
      externalId: parsed.externalId,
      regions: parsed.regions,
      owner: parsed.owner ?? null,
      status: "pending",
      statusError: null,
    };
    if (existing) {
      await tx.account.update({ where: { id: parsed.id }, data });
    } else {
      await tx.account.create({ data: { id: parsed.id, ...data, tags: parsed.tags } });
    }
    await createAuditEntry(
      {
        actorEmail: actor.email,
        action: "account.create",
        ip: await getActionIp(),
        target: parsed.id,
        detail: {
          name: parsed.name,
          roleArn: parsed.roleArn,
          regions: parsed.regions,
          owner: parsed.owner ?? null,
          promotedFromRecords: Boolean(existing),
        },
      },
      tx,
    );
    return { id: parsed.id, isPromoted: Boolean(existing) };
  });
}
