import "server-only";
import { getActionIp } from "@/lib/http/get-action-ip";
import type { SessionUser } from "@/lib/auth";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb, getPool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/enqueue";

/**
 * "Collect now": queues a manual collection of one account (admins and analysts, within
 * their scope), audited. The job key `collect:<id>` makes a second click while one is
 * queued a no-op rather than a second collection.
 */
export async function queueAccountCollection(actor: SessionUser, accountId: string): Promise<void> {
  if (actor.role !== "admin" && actor.role !== "analyst")
    throw new AppError("FORBIDDEN", "only admins and analysts can start a collection");
  const rows = await getDb().$queryRaw<Array<{ id: string }>>`
    SELECT a.id FROM accounts a
    WHERE a.id = ${accountId} AND a.role_arn IS NOT NULL AND a.status NOT IN ('disabled', 'data_only')
      AND ${accountInScope(actor.scope, "a.id")}`;
  const account = rows[0];
  if (!account) throw new AppError("NOT_FOUND", `account ${accountId} is not a collectable account (unknown, disabled or without a role)`);
  await enqueue(
    getPool(),
    "collect-account",
    { accountId: account.id, trigger: "manual" },
    { jobKey: `collect:${account.id}`, maxAttempts: 5 },
  );
  await createAuditEntry({
    actorEmail: actor.email,
    action: "account.collect",
    ip: await getActionIp(),
    target: account.id,
    detail: { trigger: "manual" },
  });
}
