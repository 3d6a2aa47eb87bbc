import { DOMAINS, type Domain } from "@/lib/checklist/types";
import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import { sortOverviewAccounts } from "./sort-overview-accounts";

export type HeatmapSortKey = "name" | "score" | Domain;
export type HeatmapSort = { key: HeatmapSortKey; dir: "asc" | "desc" };

/**
 * One heat map row as the (client) table gets it: figures only, the domains' cells in
 * DOMAINS order as [score, coverage]. The flight payload carries this instead of the
 * rendered row (nine links with their text), so a row costs ~150 bytes of it, not ~3 KB.
 */
export interface HeatmapRow {
  id: string;
  name: string;
  score: number | null;
  cells: Array<[score: number | null, coverage: number | null]>;
}

function sortValue(account: AccountOverviewRow, key: HeatmapSortKey): string | number | null {
  if (key === "name") return account.name.toLowerCase();
  if (key === "score") return account.score;
  return account.domains[key]?.score ?? null;
}

/** Sorted copy of the whole set; accounts without a figure go last whatever the direction (they have nothing to compare). */
export function sortHeatmap(accounts: readonly AccountOverviewRow[], sort: HeatmapSort): AccountOverviewRow[] {
  return sortOverviewAccounts(accounts, (account) => sortValue(account, sort.key), sort.dir);
}

export function toHeatmapRow(account: AccountOverviewRow): HeatmapRow {
  return {
    id: account.id,
    name: account.name,
    score: account.score,
    cells: DOMAINS.map((domain) => [account.domains[domain]?.score ?? null, account.domains[domain]?.coverage ?? null]),
  };
}
