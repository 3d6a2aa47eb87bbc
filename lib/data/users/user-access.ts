import { z } from "zod";
import { ZAccountId } from "@/lib/aws/account-id";
import { ZOuId, ZScopeTag, type AccountScope } from "@/lib/auth/account-scope";

/**
 * Role and account scope as the console's forms send them (users and SSO group mappings
 * share them: app/(console)/_components/role-scope-fields.tsx). The scope is an AccountScope
 * in form shape: "all accounts", or any mix of account ids, tags and OU ids (an account is in
 * scope when any one of them matches). Limits are AWS's: tag keys 1-128 characters, values
 * up to 256; OU ids `ou-xxxx-xxxxxxxx`, roots `r-xxxx`.
 */
export const ROLES = ["admin", "analyst", "viewer"] as const;
export const ZRole = z.enum(ROLES);

export const ZScopeTagInput = z
  .object({
    key: z
      .string()
      .trim()
      .min(1, "a tag needs a key")
      .max(128, "a tag key has at most 128 characters (AWS's limit)")
      .refine((value) => !value.includes("\u0000"), "contains a NUL byte"),
    value: z
      .string()
      .trim()
      .max(256, "a tag value has at most 256 characters (AWS's limit)")
      .refine((value) => !value.includes("\u0000"), "contains a NUL byte"),
  })
  .strict();

export const ZUserScope = z.object({
  allAccounts: z.boolean(),
  accountIds: z.array(ZAccountId).max(5000, "at most 5000 account ids").default([]),
  tags: z.array(ZScopeTagInput).max(200, "at most 200 tags").default([]),
  ouIds: z.array(ZOuId).max(500, "at most 500 OU ids").default([]),
});
export type TUserScope = z.input<typeof ZUserScope>;

export const ZUserAccess = z.object({ role: ZRole, scope: ZUserScope });
export type TUserAccess = z.input<typeof ZUserAccess>;

/** The stored columns of a role and scope (users and sso_group_mappings have the same ones). */
export interface StoredAccess {
  role: (typeof ROLES)[number];
  allAccounts: boolean;
  accountScope: string[];
  scopeTags: Array<{ key: string; value: string }>;
  scopeOus: string[];
}

/**
 * Admins see every account whatever is stored; anyone else sees the stored scope only.
 * Lists are deduplicated and sorted so an unchanged scope compares equal (no audit row for
 * a save that changed nothing) whatever order the form sent it in.
 */
export function normaliseAccess(input: TUserAccess): StoredAccess {
  const access = ZUserAccess.parse(input);
  const allAccounts = access.role === "admin" || access.scope.allAccounts;
  if (allAccounts) return { role: access.role, allAccounts, accountScope: [], scopeTags: [], scopeOus: [] };
  const tags = new Map(access.scope.tags.map((tag) => [JSON.stringify([tag.key, tag.value]), { key: tag.key, value: tag.value }]));
  return {
    role: access.role,
    allAccounts,
    accountScope: [...new Set(access.scope.accountIds)].sort(),
    scopeTags: [...tags.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, tag]) => tag),
    scopeOus: [...new Set(access.scope.ouIds)].sort(),
  };
}

/** The scope part of stored access, as the audit log records it (before/after). */
export function scopeOfAccess(access: Pick<StoredAccess, "allAccounts" | "accountScope" | "scopeTags" | "scopeOus">) {
  return { allAccounts: access.allAccounts, accountScope: access.accountScope, scopeTags: access.scopeTags, scopeOus: access.scopeOus };
}

/** Whether two stored scopes are the same (lists compared as sets). */
export function isSameScope(a: Parameters<typeof scopeOfAccess>[0], b: Parameters<typeof scopeOfAccess>[0]): boolean {
  const key = (scope: Parameters<typeof scopeOfAccess>[0]) =>
    JSON.stringify([
      scope.allAccounts,
      [...scope.accountScope].sort(),
      scope.scopeTags.map((tag) => JSON.stringify([tag.key, tag.value])).sort(),
      [...scope.scopeOus].sort(),
    ]);
  return key(a) === key(b);
}

/** Stored access as an AccountScope (what the scope helper resolves). */
export function accountScopeOf(
  access: { role: string } & Pick<StoredAccess, "allAccounts" | "accountScope" | "scopeTags" | "scopeOus">,
): AccountScope {
  if (access.role === "admin" || access.allAccounts) return { all: true };
  return { all: false, accountIds: access.accountScope, tags: access.scopeTags, ouIds: access.scopeOus };
}

/**
 * The scope columns of a stored row (users or sso_group_mappings), with the stored tags and
 * OUs read through their schemas: rows outlive the code that wrote them, and a value that no
 * longer validates is dropped (narrower, never wider), as buildUserScope does.
 */
export function storedScopeOf(row: { allAccounts: boolean; accountScope: string[] | null; scopeTags: unknown; scopeOus: string[] | null }) {
  const tags = (Array.isArray(row.scopeTags) ? (row.scopeTags as unknown[]) : []).flatMap((tag) => {
    const parsed = ZScopeTag.safeParse(tag);
    return parsed.success ? [parsed.data] : [];
  });
  const ouIds = (row.scopeOus ?? []).filter((id) => ZOuId.safeParse(id).success);
  return scopeOfAccess({ allAccounts: row.allAccounts, accountScope: row.accountScope ?? [], scopeTags: tags, scopeOus: ouIds });
}
