import "server-only";
import type pg from "pg";

/**
 * What a collection needs of one account (role, ExternalId, regions), or null when the
 * account is not collectable now: unknown, disabled, or without a role. Read when the job
 * runs, not when it was queued, so an account disabled meanwhile is skipped. A system read
 * for the worker, so no user scope applies.
 */
export async function getCollectionTarget(
  pool: pg.Pool,
  accountId: string,
): Promise<{ accountId: string; roleArn: string; externalId: string | null; regions: string[] } | null> {
  const result = await pool.query<{ id: string; role_arn: string | null; external_id: string | null; regions: string[]; status: string }>(
    "SELECT id, role_arn, external_id, regions, status FROM accounts WHERE id = $1",
    [accountId],
  );
  const account = result.rows[0];
  if (!account || !account.role_arn || account.status === "disabled") return null;
  return { accountId: account.id, roleArn: account.role_arn, externalId: account.external_id, regions: account.regions };
}
