import "server-only";
import { getActionIp } from "@/lib/http/get-action-ip";
import type { SessionUser } from "@/lib/auth";
import { canManageAccounts } from "@/lib/auth/permissions";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { toPgQuery } from "@/lib/data/scope/to-pg-query";
import { withTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { ZAccountTags, type TAccountTags } from "@/lib/schemas/account-tags";

/**
 * Replaces an account's tags (admins only), audited with before and after in the same
 * transaction. Tags decide tag scopes, so this is an access change as much as a label.
 * Organizations discovery later overwrites the keys Organizations also has.
 */
export async function updateAccountTags(
  actor: SessionUser,
  accountId: string,
  tags: TAccountTags,
): Promise<{ before: TAccountTags; after: TAccountTags }> {
  if (!canManageAccounts(actor)) throw new AppError("FORBIDDEN", "only admins can edit account tags");
  const after = ZAccountTags.parse(tags);
  return withTransaction(async (client) => {
    const { text, values } = toPgQuery(Prisma.sql`
      UPDATE accounts a SET tags = ${JSON.stringify(after)}::jsonb, updated_at = now()
      FROM (SELECT id, tags FROM accounts WHERE id = ${accountId} FOR UPDATE) old
      WHERE a.id = old.id AND ${accountInScope(actor.scope, "a.id")}
      RETURNING old.tags AS before`);
    const updated = await client.query<{ before: TAccountTags }>(text, values);
    const row = updated.rows[0];
    if (!row) throw new AppError("NOT_FOUND", `account ${accountId} not found`);
    await createAuditEntry(
      {
        actorEmail: actor.email,
        action: "account.tags",
        ip: await getActionIp(),
        target: accountId,
        detail: { before: row.before, after },
      },
      client,
    );
    return { before: row.before, after };
  });
}
