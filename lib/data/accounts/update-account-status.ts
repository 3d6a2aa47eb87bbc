import "server-only";
import { getActionIp } from "@/lib/http/get-action-ip";
import type { SessionUser } from "@/lib/auth";
import { canManageAccounts } from "@/lib/auth/permissions";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Disables an account (the sweep and "Collect now" skip it; its data stays) or enables it
 * again (back to `pending` until the next collection), audited in the same transaction.
 */
export async function updateAccountStatus(actor: SessionUser, accountId: string, change: "disable" | "enable"): Promise<void> {
  if (!canManageAccounts(actor)) throw new AppError("FORBIDDEN", "only admins can disable or enable accounts");
  await getDb().$transaction(async (tx) => {
    const updated = await tx.account.updateMany({
      where: change === "disable" ? { id: accountId, status: { notIn: ["disabled", "data_only"] } } : { id: accountId, status: "disabled" },
      data: change === "disable" ? { status: "disabled", statusError: null } : { status: "pending", statusError: null },
    });
    if (updated.count === 0) {
      throw new AppError(
        "CONFLICT",
        change === "disable" ? `account ${accountId} is not an enabled account` : `account ${accountId} is not disabled`,
      );
    }
    await createAuditEntry({ actorEmail: actor.email, action: `account.${change}`, ip: await getActionIp(), target: accountId }, tx);
  });
}
