/**
 * From an identity provider's groups to a Parapet role and scope. A user gets the highest
 * role among their mapped groups, and sees every account any of their mapped groups sees:
 * the union of each kind (account ids, tags, OU ids), because an account is in a scope when
 * any one of them matches, so the union of the parts is the union of the matched accounts.
 * Any all-accounts group (or the admin role) sees everything. Parapet's role is per user,
 * not per account: put people who should act on few accounts and only read the rest in
 * separate groups of the same role. No mapped group: no access.
 */
export interface SsoMapping {
  groupName: string;
  role: "admin" | "analyst" | "viewer";
  allAccounts: boolean;
  accountScope: string[];
  scopeTags: Array<{ key: string; value: string }>;
  scopeOus: string[];
}

export interface SsoAccess {
  role: SsoMapping["role"];
  allAccounts: boolean;
  accountScope: string[];
  scopeTags: Array<{ key: string; value: string }>;
  scopeOus: string[];
  /** The groups that matched a mapping, for the audit log. */
  matchedGroups: string[];
}

const RANK = { viewer: 0, analyst: 1, admin: 2 } as const;

export function mapSsoGroups(groups: string[], mappings: SsoMapping[]): SsoAccess | null {
  const wanted = new Set(groups);
  const matched = mappings.filter((mapping) => wanted.has(mapping.groupName));
  if (matched.length === 0) return null;
  const role = matched.reduce<SsoMapping["role"]>((best, mapping) => (RANK[mapping.role] > RANK[best] ? mapping.role : best), "viewer");
  const matchedGroups = matched.map((mapping) => mapping.groupName).sort();
  const allAccounts = role === "admin" || matched.some((mapping) => mapping.allAccounts);
  if (allAccounts) return { role, allAccounts, accountScope: [], scopeTags: [], scopeOus: [], matchedGroups };
  const tags = new Map(matched.flatMap((mapping) => mapping.scopeTags.map((tag) => [JSON.stringify([tag.key, tag.value]), tag] as const)));
  return {
    role,
    allAccounts,
    accountScope: [...new Set(matched.flatMap((mapping) => mapping.accountScope))].sort(),
    scopeTags: [...tags.keys()].sort().map((key) => ({ key: tags.get(key)!.key, value: tags.get(key)!.value })),
    scopeOus: [...new Set(matched.flatMap((mapping) => mapping.scopeOus))].sort(),
    matchedGroups,
  };
}

/**
 * The groups claim of an ID token: a list or a single string. The claim name is looked up as
 * is first (Auth0-style URL claims contain dots), then as a dotted path (Keycloak's
 * `realm_access.roles`). Anything that is not a string is ignored.
 */
export function readGroupsClaim(claims: Record<string, unknown>, claim: string): string[] {
  let value: unknown = claims[claim];
  if (value === undefined && claim.includes(".")) {
    value = claim
      .split(".")
      .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), claims);
  }
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((item): item is string => typeof item === "string" && item.length > 0 && item.length <= 500).slice(0, 1000);
}
