import "server-only";
import type { SessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db";

/** Whether the signed-in user signs in with a Parapet password (SSO users have none). */
export async function hasLocalPassword(user: SessionUser): Promise<boolean> {
  const record = await getDb().user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  return !!record?.passwordHash;
}
