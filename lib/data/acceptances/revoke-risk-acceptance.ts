import "server-only";
import { getActionIp } from "@/lib/http/get-action-ip";
import type { SessionUser } from "@/lib/auth";
import { canAcceptRisk } from "@/lib/auth/permissions";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { toPgQuery } from "@/lib/data/scope/to-pg-query";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { getPool, withTransaction } from "@/lib/db";
import type { TRevokeAcceptance } from "@/lib/schemas/acceptance";

/**
 * Ends an active acceptance now (kept as history, never deleted) and audits it, in one
 * transaction. Same rights as accepting; scoped inside the UPDATE's WHERE. The caller rescores.
 */
export async function revokeRiskAcceptance(user: SessionUser, input: TRevokeAcceptance): Promise<void> {
  if (!canAcceptRisk(user)) throw new AppError("FORBIDDEN", "only analysts and admins can revoke risks");
  await withTransaction(async (client) => {
    const { text, values } = toPgQuery(Prisma.sql`
      UPDATE risk_acceptances SET revoked_at = now()
      WHERE id = ${input.acceptanceId}::bigint AND account_id = ${input.accountId} AND item_id = ${input.itemId} AND revoked_at IS NULL
        AND ${accountInScope(user.scope, "account_id")}
      RETURNING item_id, finding_id`);
    const updated = await client.query<{ item_id: string; finding_id: string | null }>(text, values);
    const row = updated.rows[0];
    if (!row) throw new AppError("NOT_FOUND", "acceptance not found or already revoked");
    await createAuditEntry(
      {
        actorEmail: user.email,
        action: "risk.revoke",
        ip: await getActionIp(),
        target: `${input.accountId}/${row.item_id}`,
        detail: { acceptanceId: input.acceptanceId, findingId: row.finding_id },
      },
      client,
    );
  }, getPool());
}
