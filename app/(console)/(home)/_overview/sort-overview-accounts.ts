import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import type { TOverviewParams } from "./overview-params";

/** Collection state as a rank, worst first: unreachable, failed steps, never collected, ok. */
function collectionRank(account: AccountOverviewRow): number {
  if (account.status === "unreachable") return 0;
  if (account.failedSteps > 0) return 1;
  if (!account.lastCollectedAt) return 2;
  return 3;
}

function tableValue(account: AccountOverviewRow, key: TOverviewParams["sort"]): string | number | null {
  switch (key) {
    case "name":
      return account.name.toLowerCase();
    case "collected":
      return account.lastCollectedAt ? new Date(account.lastCollectedAt).getTime() : null;
    case "collection":
      return collectionRank(account);
    default:
      return account[key];
  }
}

/**
 * Sorted copy of the whole set (before a page is cut, so page 2 continues page 1). Accounts
 * without a figure go last whatever the direction: they have nothing to compare, and "no
 * score" must not pass for the best or the worst one. Ties break on the name.
 */
export function sortOverviewAccounts(
  accounts: readonly AccountOverviewRow[],
  value: (account: AccountOverviewRow) => string | number | null,
  dir: "asc" | "desc",
): AccountOverviewRow[] {
  return [...accounts].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    if (x === null && y === null) return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
    if (x === null) return 1;
    if (y === null) return -1;
    const order = x < y ? -1 : x > y ? 1 : 0;
    if (order !== 0) return dir === "asc" ? order : -order;
    return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  });
}

/** The overview accounts table's order. */
export function sortAccountsTable(accounts: readonly AccountOverviewRow[], key: TOverviewParams["sort"], dir: "asc" | "desc") {
  return sortOverviewAccounts(accounts, (account) => tableValue(account, key), dir);
}
