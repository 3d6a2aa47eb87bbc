/**
 * A stored scope in words for the users list and the SSO mappings table, e.g.
 * "tag env=prod, OU ou-ab12-34cd56ef, 3 account ids". Long lists are counted, not listed, so
 * a cell stays one or two lines; the full scope is on the user's page and in the audit log.
 */
export function describeScope(scope: {
  role: string;
  allAccounts: boolean;
  accountScope: string[];
  scopeTags: Array<{ key: string; value: string }>;
  scopeOus: string[];
}): string {
  if (scope.role === "admin" || scope.allAccounts) return "all accounts";
  const parts: string[] = [];
  const tags = scope.scopeTags.map((tag) => `tag ${tag.key}=${tag.value}`);
  parts.push(...(tags.length <= 3 ? tags : [...tags.slice(0, 2), `${tags.length - 2} more tags`]));
  const ous = scope.scopeOus.map((id) => `OU ${id}`);
  parts.push(...(ous.length <= 3 ? ous : [...ous.slice(0, 2), `${ous.length - 2} more OUs`]));
  const ids = scope.accountScope;
  if (ids.length > 0) parts.push(ids.length <= 2 ? ids.join(", ") : `${ids.length} account ids`);
  return parts.length === 0 ? "no accounts" : parts.join(", ");
}
