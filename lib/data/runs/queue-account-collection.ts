import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountScopeOf } from "@/lib/auth/permissions";
import { getDb, getPool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/enqueue";

/**
 * "Collect now": queues a manual collection of one account (admins and analysts, within
 * their scope), audited. The job key `collect:<id>` makes a second click while one is
 * queued a no-op rather than a second collection.
 */
export async function queueAccountCollection(actor: SessionUser, accountId: string): Promise<void> {
  if (actor.role !== "admin" && actor.role !== "analyst") throw new AppError("FORBIDDEN", "only admins and analysts can start a collection");
  const scope = accountScopeOf(actor);
  const account = await getDb().account.findFirst({
    where: {
      id: scope.all ? accountId : { equals: accountId, in: scope.ids },
      roleArn: { not: null },
      status: { notIn: ["disabled", "data_only"] },
    },
    select: { id: true },
  });
  if (!account) throw new AppError("NOT_FOUND", `account ${accountId} is not a collectable account (unknown, disabled or without a role)`);
  await enqueue(getPool(), "collect-account", { accountId: account.id, trigger: "manual" }, { jobKey: `collect:${account.id}`, maxAttempts: 5 });
  await getDb().auditLog.create({ data: { actorEmail: actor.email, action: "account.collect", target: account.id, detail: { trigger: "manual" } } });
}
