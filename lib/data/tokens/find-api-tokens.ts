import "server-only";
import type { SessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db";

export interface ApiTokenRow {
  id: string;
  name: string;
  hint: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The user's own API tokens, newest first (revoked and expired ones too, for the record). */
export async function findApiTokens(user: SessionUser): Promise<ApiTokenRow[]> {
  return getDb().apiToken.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, name: true, hint: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
  });
}
