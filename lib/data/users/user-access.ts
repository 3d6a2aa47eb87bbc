import { z } from "zod";
import { ZAccountId } from "@/lib/aws/account-id";

/**
 * Role and account scope as the console's forms send them. The scope part is today's
 * account-id scope (`allAccounts` or a list of ids); tag and OU scopes extend it
 * (contracts.md AccountScope) without changing the role part.
 */
export const ROLES = ["admin", "analyst", "viewer"] as const;
export const ZRole = z.enum(ROLES);

export const ZUserScope = z.object({
  allAccounts: z.boolean(),
  accountIds: z.array(ZAccountId).max(5000),
});
export type TUserScope = z.infer<typeof ZUserScope>;

export const ZUserAccess = z.object({ role: ZRole, scope: ZUserScope });
export type TUserAccess = z.infer<typeof ZUserAccess>;

/** Admins see every account whatever is stored; anyone else sees the stored scope only. */
export function normaliseAccess(access: TUserAccess): { role: TUserAccess["role"]; allAccounts: boolean; accountScope: string[] } {
  const allAccounts = access.role === "admin" || access.scope.allAccounts;
  return { role: access.role, allAccounts, accountScope: allAccounts ? [] : [...new Set(access.scope.accountIds)].sort() };
}
