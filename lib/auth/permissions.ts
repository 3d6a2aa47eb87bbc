import type { SessionUser } from "@/lib/auth";

/** Accounts a user may see, as a SQL-ready pair: `all` or the explicit list. Used inside every query. */
export function accountScopeOf(user: SessionUser): { all: boolean; ids: string[] } {
  return { all: user.allAccounts || user.role === "admin", ids: user.accountScope };
}

export function canViewAccount(user: SessionUser, accountId: string): boolean {
  const scope = accountScopeOf(user);
  return scope.all || scope.ids.includes(accountId);
}

export function canManageAccounts(user: SessionUser): boolean {
  return user.role === "admin";
}

export function canAcceptRisk(user: SessionUser, accountId: string): boolean {
  return (user.role === "admin" || user.role === "analyst") && canViewAccount(user, accountId);
}
