import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
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
  const rows = await getDb().$queryRaw<
    Array<{
      id: string;
      name: string;
      role_arn: string | null;
      external_id: string | null;
      regions: string[];
      owner: string | null;
      status: string;
      status_error: string | null;
    }>
  >`
    SELECT a.id, a.name, a.role_arn, a.external_id, a.regions, a.owner, a.status, a.status_error FROM accounts a
    WHERE a.id = ${accountId} AND ${accountInScope(user.scope, "a.id")}`;
  const account = rows[0];
  if (!account) throw new AppError("NOT_FOUND", `account ${accountId} not found`);
  return {
    id: account.id,
    name: account.name,
    roleArn: account.role_arn,
    hasExternalId: account.external_id !== null && account.external_id !== "",
    regions: account.regions,
    owner: account.owner,
    status: account.status,
    statusError: account.status_error,
  };
}
