import "server-only";
import { getActionIp } from "@/lib/http/get-action-ip";
import { ZAccountId } from "@/lib/aws/account-id";
import type pg from "pg";
import { z } from "zod";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { getPool, withTransaction } from "@/lib/db";

const ZPlacement = z.object({
  id: ZAccountId,
  ouPath: z.string().regex(/^r-[0-9a-z]{4,32}(\/ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}){0,5}$/, "an OU path is r-xxxx/ou-xxxx-xxxxxxxx/..."),
  tags: z.record(z.string().min(1).max(128), z.string().max(256)),
});
export type TPlacement = z.input<typeof ZPlacement>;

/**
 * Stores what Organizations discovery found for accounts Parapet already knows: the OU
 * path (replaced) and the tags (Organizations' keys overwrite the same keys; keys added in
 * Parapet and unknown to Organizations stay). Accounts not registered are skipped: they get
 * theirs at the next discovery after onboarding. One transaction, audited with the count.
 * Callers authorise (console: admins; CLI: the operator).
 */
export async function updateAccountPlacements(placements: TPlacement[], actorEmail: string, pool: pg.Pool = getPool()): Promise<number> {
  const parsed = placements.map((placement) => ZPlacement.parse(placement));
  if (parsed.length === 0) return 0;
  return withTransaction(async (client) => {
    const updated = await client.query(
      `UPDATE accounts a SET ou_path = x.ou_path, tags = a.tags || x.tags, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, ou_path text, tags jsonb)
       WHERE a.id = x.id AND (a.ou_path IS DISTINCT FROM x.ou_path OR NOT a.tags @> x.tags)`,
      [JSON.stringify(parsed.map((placement) => ({ id: placement.id, ou_path: placement.ouPath, tags: placement.tags })))],
    );
    const count = updated.rowCount ?? 0;
    await createAuditEntry(
      {
        actorEmail,
        action: "account.organization-sync",
        ip: await getActionIp(),
        target: null,
        detail: { discovered: parsed.length, updated: count },
      },
      client,
    );
    return count;
  }, pool);
}
