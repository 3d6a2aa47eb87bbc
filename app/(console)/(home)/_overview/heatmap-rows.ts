import { DOMAINS } from "@/lib/checklist/types";
import type { HeatmapAccount } from "@/lib/data/overview/select-heatmap-page";

export type { HeatmapSort, HeatmapSortKey } from "@/lib/data/overview/overview-sorts";

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

export function toHeatmapRow(account: HeatmapAccount): HeatmapRow {
  return {
    id: account.id,
    name: account.name,
    score: account.score,
    cells: DOMAINS.map((domain) => [account.domains[domain]?.score ?? null, account.domains[domain]?.coverage ?? null]),
  };
}
