import { ACCOUNT_PAGE_SIZE, type TAccountListParams } from "@/lib/data/accounts/account-list-filters";

// The list's parameters, sorts and sizes live in lib (findAccountListPage applies them in SQL); the page's modules read them here.
export {
  ACCOUNT_HEALTH,
  ACCOUNT_PAGE_SIZE,
  ACCOUNT_PAGE_SIZE_MAX,
  ACCOUNT_PAGE_SIZES,
  ACCOUNT_SORTS,
  DISCOVERY_CANDIDATES_MAX,
  FILTER_CHOICES_MAX,
  parseAccountListParams,
  RECORDS_ONLY_PAGE_SIZE,
  ZAccountListParams,
  type TAccountListParams,
} from "@/lib/data/accounts/account-list-filters";
export type { AccountListEntry } from "@/lib/data/accounts/find-account-list-page";

/** The URL query of the list's state (defaults left out). */
export function accountListQuery(params: TAccountListParams, overrides: Partial<TAccountListParams> = {}): string {
  const merged = { ...params, ...overrides };
  const query = new URLSearchParams();
  if (merged.q) query.set("q", merged.q);
  if (merged.status) query.set("status", merged.status);
  if (merged.health) query.set("health", merged.health);
  if (merged.tag) query.set("tag", merged.tag);
  if (merged.ou) query.set("ou", merged.ou);
  if (merged.sort !== "name") query.set("sort", merged.sort);
  if (merged.dir !== "asc") query.set("dir", merged.dir);
  if (merged.page !== 1) query.set("page", String(merged.page));
  if (merged.size !== ACCOUNT_PAGE_SIZE) query.set("size", String(merged.size));
  if (merged.rpage !== 1) query.set("rpage", String(merged.rpage));
  return query.toString();
}
