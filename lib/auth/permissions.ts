import type { SessionUser } from "@/lib/auth";

export function canManageAccounts(user: SessionUser): boolean {
  return user.role === "admin";
}

/**
 * Whether the user's role may accept or revoke risks. Whether the account is in their scope
 * is decided inside the statement that writes (lib/data/scope): a scope can name tags and
 * OUs, which only the database can resolve, and an out-of-scope account answers NOT_FOUND.
 */
export function canAcceptRisk(user: SessionUser): boolean {
  return user.role === "admin" || user.role === "analyst";
}
