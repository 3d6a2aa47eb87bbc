import { z } from "zod";
import { HEATMAP_SORTS, OVERVIEW_TABLE_SORTS } from "@/lib/data/overview/overview-sorts";
import { parseQueryParams, type QueryParams } from "@/lib/schemas/query-params";
import { zPageNumber, zPageSize } from "../../_components/paging";

const blank = (value: unknown) => {
  const single = Array.isArray(value) ? value[0] : value;
  return typeof single === "string" && single.trim() === "" ? undefined : single;
};
const oneOf = (values: readonly string[]) => `must be one of ${values.join(", ")}`;
const dir = z.preprocess(blank, z.enum(["asc", "desc"], { error: oneOf(["asc", "desc"]) }).default("asc"));

export { HEATMAP_SORTS, OVERVIEW_TABLE_SORTS };

/**
 * Rows per page of the overview's heat map and accounts table: 10. The overview is a glance,
 * worst first, and the whole set is on the accounts list; with 25 rows each, the two tables
 * listed the same worst accounts a third time below "Lowest scores" and made the page 4,500 px
 * tall at 1440 wide (about 3,000 with 10). Its render and response grow with this number, not
 * with the accounts: at 500 accounts, 25 rows a table made the page's p95 1.5x that of 5
 * accounts, 10 rows 1.2x (bench/README.md, round 9). The choice (10, 25, 50, 100) is offered
 * next to the pager and kept in the URL (`size`).
 */
export const OVERVIEW_PAGE_SIZE = 10;
export const OVERVIEW_PAGE_SIZE_MAX = 100;
export const OVERVIEW_PAGE_SIZES = [10, 25, 50, 100] as const;

/**
 * The overview's URL state: the heat map's sort and page (`heat`, `dir`, `hpage`), the accounts
 * table's (`sort`, `adir`, `apage`), and one page size for both (`size`). Both default to
 * worst score first. A bad value is refused with a message naming the parameter (see
 * parseOverviewParams), as on the accounts list: a page that quietly showed another order or
 * page than the link asks for would present it as the one asked for.
 */
export const ZOverviewParams = z.object({
  heat: z.preprocess(blank, z.enum(HEATMAP_SORTS, { error: oneOf(HEATMAP_SORTS) }).default("score")),
  dir,
  hpage: zPageNumber,
  sort: z.preprocess(blank, z.enum(OVERVIEW_TABLE_SORTS, { error: oneOf(OVERVIEW_TABLE_SORTS) }).default("score")),
  adir: dir,
  apage: zPageNumber,
  size: zPageSize(OVERVIEW_PAGE_SIZE, OVERVIEW_PAGE_SIZE_MAX),
});
export type TOverviewParams = z.infer<typeof ZOverviewParams>;

/** Reads the overview's parameters (first value wins); throws an INVALID_INPUT AppError naming each bad one. */
export function parseOverviewParams(params: QueryParams): TOverviewParams {
  return parseQueryParams(ZOverviewParams, params);
}

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
