import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountScopeOf } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface AccountSettings {
  id: string;
  name: string;
  roleArn: string | null;
  /** Whether an ExternalId is stored; the value itself never leaves the server. */
  hasExternalId: boolean;
  regions: string[];
  owner: string | null;
  status: string;
  statusError: string | null;
}

/** An account's editable settings, for an account in the user's scope (NOT_FOUND otherwise). */
export async function getAccountSettings(user: SessionUser, accountId: string): Promise<AccountSettings> {
  const scope = accountScopeOf(user);
  const account = await getDb().account.findFirst({
    where: scope.all ? { id: accountId } : { id: { equals: accountId, in: scope.ids } },
    select: { id: true, name: true, roleArn: true, externalId: true, regions: true, owner: true, status: true, statusError: true },
  });
  if (!account) throw new AppError("NOT_FOUND", `account ${accountId} not found`);
  const { externalId, ...rest } = account;
  return { ...rest, hasExternalId: externalId !== null && externalId !== "" };
}
