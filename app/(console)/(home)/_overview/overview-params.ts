import { z } from "zod";
import { DOMAINS } from "@/lib/checklist/types";
import { zPageNumber, zPageSize } from "../../_components/paging";

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const dir = z.preprocess(first, z.enum(["asc", "desc"]).default("asc")).catch("asc");

export const HEATMAP_SORTS = ["name", "score", ...DOMAINS] as const;
export const OVERVIEW_TABLE_SORTS = ["name", "score", "coverage", "critical", "high", "medium", "low", "collected", "collection"] as const;

/** Rows per page of the overview's heat map and accounts table: bounded, so the page costs the same at 500 accounts as at 50. */
export const OVERVIEW_PAGE_SIZE = 50;
export const OVERVIEW_PAGE_SIZE_MAX = 100;

/**
 * The overview's URL state: the heat map's sort and page (`heat`, `dir`, `hpage`), the accounts
 * table's (`sort`, `adir`, `apage`), and one page size for both (`size`). Both default to
 * worst score first. Bad values fall back to the defaults (a bookmark never becomes an error page).
 */
export const ZOverviewParams = z.object({
  heat: z.preprocess(first, z.enum(HEATMAP_SORTS).default("score")).catch("score"),
  dir,
  hpage: zPageNumber,
  sort: z.preprocess(first, z.enum(OVERVIEW_TABLE_SORTS).default("score")).catch("score"),
  adir: dir,
  apage: zPageNumber,
  size: zPageSize(OVERVIEW_PAGE_SIZE, OVERVIEW_PAGE_SIZE_MAX),
});
export type TOverviewParams = z.infer<typeof ZOverviewParams>;

const DEFAULTS = ZOverviewParams.parse({});

/** `/?…` for the overview's state with some of it changed; defaults are left out, `hash` picks the section to land on. */
export function overviewHref(params: TOverviewParams, overrides: Partial<TOverviewParams>, hash: string): string {
  const merged = { ...params, ...overrides };
  const query = new URLSearchParams();
  // A sort key travels with its direction (`heat=identity_access&dir=asc`), so a sorted URL reads whole.
  const pairs: Array<Array<keyof TOverviewParams>> = [["heat", "dir"], ["hpage"], ["sort", "adir"], ["apage"], ["size"]];
  for (const pair of pairs) {
    if (pair.some((key) => merged[key] !== DEFAULTS[key])) for (const key of pair) query.set(key, String(merged[key]));
  }
  const text = query.toString();
  return `/${text ? `?${text}` : ""}#${hash}`;
}
