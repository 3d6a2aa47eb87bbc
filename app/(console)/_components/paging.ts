import { z } from "zod";

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** A 1-based page number from the URL; anything else (0, -1, "x", 1.5) is page 1 rather than an error page. */
export const zPageNumber = z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000).default(1)).catch(1);

/**
 * Rows per page from the URL, capped: a page size is what bounds the server render, so a
 * request for more than `max` gets `max` (the whole set stays one click away in the CSV export).
 */
export function zPageSize(defaultSize: number, max: number) {
  return z
    .preprocess(
      first,
      z.coerce
        .number()
        .int()
        .min(1)
        .transform((size) => Math.min(size, max))
        .default(defaultSize),
    )
    .catch(defaultSize);
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
