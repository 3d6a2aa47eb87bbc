import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountScopeOf, canAcceptRisk } from "@/lib/auth/permissions";
import { getPool, withTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TRevokeAcceptance } from "@/lib/schemas/acceptance";

/**
 * Ends an active acceptance now (kept as history, never deleted) and audits it, in one
 * transaction. Same rights as accepting; scoped inside the UPDATE's WHERE. The caller rescores.
 */
export async function revokeRiskAcceptance(user: SessionUser, input: TRevokeAcceptance): Promise<void> {
  if (!canAcceptRisk(user, input.accountId)) throw new AppError("FORBIDDEN", "only analysts and admins with access to this account can revoke risks");
  const scope = accountScopeOf(user);
  await withTransaction(async (client) => {
    const updated = await client.query<{ item_id: string; finding_id: string | null }>(
      `UPDATE risk_acceptances SET revoked_at = now()
       WHERE id = $1::bigint AND account_id = $2 AND item_id = $3 AND revoked_at IS NULL AND ($4 OR account_id = ANY($5::text[]))
       RETURNING item_id, finding_id`,
      [input.acceptanceId, input.accountId, input.itemId, scope.all, scope.ids],
    );
    const row = updated.rows[0];
    if (!row) throw new AppError("NOT_FOUND", "acceptance not found or already revoked");
    await client.query("INSERT INTO audit_log (actor_email, action, target, detail) VALUES ($1, 'risk.revoke', $2, $3)", [
      user.email,
      `${input.accountId}/${row.item_id}`,
      JSON.stringify({ acceptanceId: input.acceptanceId, findingId: row.finding_id }),
    ]);
  }, getPool());
}
