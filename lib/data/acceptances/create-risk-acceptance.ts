import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountScopeOf, canAcceptRisk } from "@/lib/auth/permissions";
import { getPool, withTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/enqueue";
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
  if (!canAcceptRisk(user, input.accountId)) throw new AppError("FORBIDDEN", "only analysts and admins with access to this account can accept risks");
  const scope = accountScopeOf(user);
  const created = await withTransaction(async (client) => {
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO risk_acceptances (account_id, item_id, finding_id, reason, owner, expires_at, created_by)
       SELECT c.account_id, c.item_id, $3, $4, $5, $6, $7
       FROM checklist_results c
       WHERE c.account_id = $1 AND c.item_id = $2 AND ($8 OR c.account_id = ANY($9::text[]))
         AND ($3::text IS NULL OR c.evidence->'refs' @> jsonb_build_array(jsonb_build_object('id', $3::text)))
       RETURNING id::text`,
      [input.accountId, input.itemId, input.findingId, input.reason, input.owner, input.expiresAt, user.email, scope.all, scope.ids],
    );
    const id = inserted.rows[0]?.id;
    if (!id) throw new AppError("NOT_FOUND", input.findingId ? "that record is not evidence of this item" : "checklist result not found");
    await client.query("INSERT INTO audit_log (actor_email, action, target, detail) VALUES ($1, 'risk.accept', $2, $3)", [
      user.email,
      `${input.accountId}/${input.itemId}`,
      JSON.stringify({ acceptanceId: id, findingId: input.findingId, reason: input.reason, owner: input.owner, expiresAt: input.expiresAt.toISOString() }),
    ]);
    return { id };
  }, getPool());
  await enqueue(getPool(), "score-account", { accountId: input.accountId }, {
    jobKey: `score-expiry:${created.id}`,
    runAt: new Date(input.expiresAt.getTime() + 1000),
    maxAttempts: 5,
  });
  return created;
}
