import { STALE_AFTER_HOURS } from "@/lib/data/accounts/account-list-filters";

/**
 * The two health questions the overview tiles and the accounts list filters share, so a
 * tile's number is exactly the length of the list it links to. The list applies them in SQL
 * (findAccountListPage, with these rules and this constant); the overview here, over its rows.
 */
export { STALE_AFTER_HOURS };

/** Not collected in the last STALE_AFTER_HOURS hours (or never). Disabled accounts are not expected to be fresh. */
export function isStale(account: { status: string; lastCollectedAt: Date | null }, now: Date = new Date()): boolean {
  if (account.status === "disabled" || account.status === "data_only") return false;
  return !account.lastCollectedAt || now.getTime() - new Date(account.lastCollectedAt).getTime() > STALE_AFTER_HOURS * 3_600_000;
}

/** The role could not be assumed, or the latest collection run failed in part or in full. */
export function hasCollectionErrors(account: { status: string; lastRunStatus: string | null }): boolean {
  return account.status === "unreachable" || account.lastRunStatus === "failed" || account.lastRunStatus === "partial";
}
