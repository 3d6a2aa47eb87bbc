import "server-only";
import { getActionIp } from "@/lib/http/get-action-ip";
import type { SessionUser } from "@/lib/auth";
import { canAcceptRisk } from "@/lib/auth/permissions";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { toPgQuery } from "@/lib/data/scope/to-pg-query";
import { getPool, withTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/enqueue";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TCreateAcceptance } from "@/lib/schemas/acceptance";

/**
 * Records an accepted risk (the whole item for the account, or one finding / CloudTrail
 * event that the item's latest evaluation lists as evidence) and its audit_log entry in
 * one transaction. Analysts and admins only, within their account scope; the account and
 * the record are checked inside the INSERT's own WHERE, so an account the user cannot see
 * answers NOT_FOUND like one that does not exist. The caller rescores the account now;
 * a score-account job queued for the moment of expiry brings the failure back then, even
 * for an account that is no longer collected (a sweep's rescoring may come first: both
 * are idempotent).
 */
export async function createRiskAcceptance(user: SessionUser, input: TCreateAcceptance): Promise<{ id: string }> {
  if (!canAcceptRisk(user)) throw new AppError("FORBIDDEN", "only analysts and admins can accept risks");
  const created = await withTransaction(async (client) => {
    const findingId = input.findingId ?? null;
    const { text, values } = toPgQuery(Prisma.sql`
      INSERT INTO risk_acceptances (account_id, item_id, finding_id, reason, owner, expires_at, created_by)
      SELECT c.account_id, c.item_id, ${findingId}::text, ${input.reason}, ${input.owner}, ${input.expiresAt}, ${user.email}
      FROM checklist_results c
      WHERE c.account_id = ${input.accountId} AND c.item_id = ${input.itemId} AND ${accountInScope(user.scope, "c.account_id")}
        AND (${findingId}::text IS NULL OR c.evidence->'refs' @> jsonb_build_array(jsonb_build_object('id', ${findingId}::text)))
      RETURNING id::text`);
    const inserted = await client.query<{ id: string }>(text, values);
    const id = inserted.rows[0]?.id;
    if (!id) throw new AppError("NOT_FOUND", input.findingId ? "that record is not evidence of this item" : "checklist result not found");
    await createAuditEntry(
      {
        actorEmail: user.email,
        action: "risk.accept",
        ip: await getActionIp(),
        target: `${input.accountId}/${input.itemId}`,
        detail: {
          acceptanceId: id,
          findingId: input.findingId,
          reason: input.reason,
          owner: input.owner,
          expiresAt: input.expiresAt.toISOString(),
        },
      },
      client,
    );
    return { id };
  }, getPool());
  await enqueue(
    getPool(),
    "score-account",
    { accountId: input.accountId },
    {
      jobKey: `score-expiry:${created.id}`,
      runAt: new Date(input.expiresAt.getTime() + 1000),
      maxAttempts: 5,
    },
  );
  return created;
}
