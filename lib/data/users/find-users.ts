import "server-only";
import type { SessionUser } from "@/lib/auth";
import { storedScopeOf } from "@/lib/data/users/user-access";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface UserListRow {
  id: string;
  email: string;
  name: string | null;
  role: string;
  allAccounts: boolean;
  accountScope: string[];
  scopeTags: Array<{ key: string; value: string }>;
  scopeOus: string[];
  /** local: signs in with a password; sso: created by single sign-on, no password. */
  source: "local" | "sso";
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

/** Every console user, for the users page (admins only). Password hashes never leave this function. */
export async function findUsers(actor: SessionUser): Promise<UserListRow[]> {
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "only admins can list users");
  const users = await getDb().user.findMany({ orderBy: { email: "asc" } });
  return users.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    ...storedScopeOf(user),
    source: user.authSource === "sso" ? "sso" : "local",
    disabled: user.disabled,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
  }));
}
