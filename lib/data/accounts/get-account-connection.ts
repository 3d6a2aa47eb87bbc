import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountScopeOf } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface AccountConnection {
  accountId: string;
  name: string;
  roleArn: string;
  externalId: string | null;
  regions: string[];
}

/**
 * What Parapet needs to assume an account's role, for an account in the user's scope.
 * Throws NOT_FOUND for an unknown or out-of-scope account, INVALID_INPUT for one without a role.
 */
export async function getAccountConnection(user: SessionUser, accountId: string): Promise<AccountConnection> {
  const scope = accountScopeOf(user);
  const account = await getDb().account.findFirst({
    where: scope.all ? { id: accountId } : { id: { equals: accountId, in: scope.ids } },
    select: { id: true, name: true, roleArn: true, externalId: true, regions: true },
  });
  if (!account) throw new AppError("NOT_FOUND", `account ${accountId} not found`);
  if (!account.roleArn) throw new AppError("INVALID_INPUT", `account ${accountId} has no role ARN: register it with a role first`);
  return { accountId: account.id, name: account.name, roleArn: account.roleArn, externalId: account.externalId, regions: account.regions };
}
