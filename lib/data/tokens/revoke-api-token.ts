import "server-only";
import { getActionIp } from "@/lib/http/get-action-ip";
import type { SessionUser } from "@/lib/auth";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Revokes one of the user's own tokens (the next request with it is refused) and audits it
 * as `token.revoke`. Another user's token id answers NOT_FOUND, as an unknown one does.
 */
export async function revokeApiToken(user: SessionUser, tokenId: string): Promise<void> {
  if (user.apiToken) throw new AppError("FORBIDDEN", "an API token cannot revoke API tokens");
  const db = getDb();
  const token = await db.apiToken.findFirst({ where: { id: tokenId, userId: user.id }, select: { id: true, name: true, revokedAt: true } });
  if (!token) throw new AppError("NOT_FOUND", "no such token");
  if (token.revokedAt) return;
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await createAuditEntry(
      { actorEmail: user.email, action: "token.revoke", ip: await getActionIp(), target: token.name, detail: { tokenId: token.id } },
      tx,
    );
  });
}
