import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
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
  const rows = await getDb().$queryRaw<
    Array<{ id: string; name: string; role_arn: string | null; external_id: string | null; regions: string[] }>
  >`
    SELECT a.id, a.name, a.role_arn, a.external_id, a.regions FROM accounts a
    WHERE a.id = ${accountId} AND ${accountInScope(user.scope, "a.id")}`;
  const account = rows[0];
  if (!account) throw new AppError("NOT_FOUND", `account ${accountId} not found`);
  if (!account.role_arn) throw new AppError("INVALID_INPUT", `account ${accountId} has no role ARN: register it with a role first`);
  return {
    accountId: account.id,
    name: account.name,
    roleArn: account.role_arn,
    externalId: account.external_id,
    regions: account.regions,
  };
}
