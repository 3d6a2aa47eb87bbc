import "server-only";
import type { SessionUser } from "@/lib/auth";
import { storedScopeOf } from "@/lib/data/users/user-access";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { UserListRow } from "@/lib/data/users/find-users";

/** One user for the user page (admins). A malformed id is "not found", like an unknown one. */
export async function getUser(actor: SessionUser, userId: string): Promise<UserListRow> {
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "only admins can read users");
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId)) throw new AppError("NOT_FOUND", "no such user");
  const user = await getDb().user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("NOT_FOUND", "no such user");
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    ...storedScopeOf(user),
    source: user.authSource === "sso" ? "sso" : "local",
    disabled: user.disabled,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
  };
}
