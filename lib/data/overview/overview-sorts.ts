import { DOMAINS } from "@/lib/checklist/types";

/**
 * The orders of the overview's two tables, the keys its URL accepts (`heat`, `sort`) and
 * its reads sort by in SQL (selectHeatmapPage, selectOverviewTablePage, in loadOverviewAccounts). Plain constants,
 * so the page's URL parsing imports them without the database.
 */
export const HEATMAP_SORTS = ["name", "score", ...DOMAINS] as const;
export type HeatmapSortKey = (typeof HEATMAP_SORTS)[number];
export type HeatmapSort = { key: HeatmapSortKey; dir: "asc" | "desc" };

export const OVERVIEW_TABLE_SORTS = ["name", "score", "coverage", "critical", "high", "medium", "low", "collected", "collection"] as const;
export type OverviewTableSortKey = (typeof OVERVIEW_TABLE_SORTS)[number];
export type OverviewTableSort = { key: OverviewTableSortKey; dir: "asc" | "desc" };
