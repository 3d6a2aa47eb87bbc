import "server-only";
import { getActionIp } from "@/lib/http/get-action-ip";
import type { SessionUser } from "@/lib/auth";
import { generateApiToken } from "@/lib/auth/api-token-format";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { MAX_LIVE_API_TOKENS, type TCreateApiToken } from "@/lib/schemas/api-token";

const DAY_MS = 86_400_000;

/**
 * Makes an API token for the signed-in user (never for a token: a token cannot mint
 * tokens) and audits it as `token.create`. Returns the token text, which is not stored
 * and cannot be shown again; the database keeps its SHA-256.
 */
export async function createApiToken(
  user: SessionUser,
  input: TCreateApiToken,
  now: Date = new Date(),
): Promise<{ id: string; token: string; expiresAt: Date }> {
  if (user.apiToken) throw new AppError("FORBIDDEN", "an API token cannot make API tokens");
  const db = getDb();
  const live = await db.apiToken.count({ where: { userId: user.id, revokedAt: null, expiresAt: { gt: now } } });
  if (live >= MAX_LIVE_API_TOKENS) throw new AppError("CONFLICT", `you already have ${MAX_LIVE_API_TOKENS} live tokens: revoke one first`);
  const { token, hash, hint } = generateApiToken();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
  const created = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId: user.id, name: input.name, tokenHash: hash, hint, expiresAt },
      select: { id: true },
    });
    await createAuditEntry(
      {
        actorEmail: user.email,
        action: "token.create",
        ip: await getActionIp(),
        target: input.name,
        detail: { hint, expiresAt: expiresAt.toISOString() },
      },
      tx,
    );
    return row;
  });
  return { id: created.id, token, expiresAt };
}
