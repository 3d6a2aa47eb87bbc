import { z } from "zod";

const blank = (value: unknown) => {
  const single = Array.isArray(value) ? value[0] : value;
  return typeof single === "string" && single.trim() === "" ? undefined : single;
};

// The 1-based page number parameter lives in lib so lib's URL parsers (the collection page's) share it.
export { PAGE_NUMBER_MESSAGE, zPageNumber } from "@/lib/schemas/page-number-param";

/**
 * Rows per page from the URL, `defaultSize` when absent, refused outside 1..max: a page size
 * is what bounds the server render, and a size that was quietly cut would make the pager's
 * "Showing 1-100" contradict the link (the whole set stays one click away in the CSV export).
 */
export function zPageSize(defaultSize: number, max: number) {
  const message = `must be a whole number from 1 to ${max}`;
  return z.preprocess(blank, z.coerce.number({ error: message }).int(message).min(1, message).max(max, message).default(defaultSize));
}

export interface PageSlice<T> {
  rows: T[];
  /** The page shown, clamped to the last page (a page past the end shows the last one, not an empty table). */
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown (0 and 0 when there are none). */
  from: number;
  to: number;
  total: number;
}

/** Cuts one page out of rows that are already filtered and sorted as a whole. */
export function slicePage<T>(rows: readonly T[], page: number, size: number): PageSlice<T> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(1, page), pages);
  const start = (current - 1) * size;
  const shown = rows.slice(start, start + size);
  return { rows: shown, page: current, pages, from: shown.length ? start + 1 : 0, to: start + shown.length, total: rows.length };
}

/** Page numbers the pager links to: the first, the last, and two either side of the current one; null marks a gap. */
export function pagerPages(page: number, pages: number): Array<number | null> {
  const wanted = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const out: Array<number | null> = [];
  for (const n of wanted) {
    if (out.length && n - (out[out.length - 1] as number) > 1) out.push(null);
    out.push(n);
  }
  return out;
}
