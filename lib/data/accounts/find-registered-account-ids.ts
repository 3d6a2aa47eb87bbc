import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountScopeOf } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";

/**
 * Which of `ids` are already registered with a role (accounts known only from records do
 * not count: discovery proposes them for onboarding), within the user's scope.
 */
export async function findRegisteredAccountIds(user: SessionUser, ids: string[]): Promise<Set<string>> {
  const scope = accountScopeOf(user);
  const wanted = scope.all ? ids : ids.filter((id) => scope.ids.includes(id));
  if (wanted.length === 0) return new Set();
  const rows = await getDb().account.findMany({
    where: { id: { in: wanted }, status: { not: "data_only" } },
    select: { id: true },
  });
  return new Set(rows.map((row) => row.id));
}
