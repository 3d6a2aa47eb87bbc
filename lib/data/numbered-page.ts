import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/** A page asked for: 1-based, and its size (both floored, at least 1). */
export interface PageRequest {
  page: number;
  size: number;
}

/** What a pager shows of one page (the console's PageSlice without its rows). */
export interface NumberedPageSlice {
  /** The page shown: a page past the last one shows the last one. */
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown (0 and 0 when there are none). */
  from: number;
  to: number;
  total: number;
}

function normalise(request: PageRequest): { page: number; size: number } {
  return { page: Math.max(1, Math.floor(request.page)), size: Math.max(1, Math.floor(request.size)) };
}

/**
 * The WHERE condition that keeps the rows of one page of a list numbered in SQL: `position`
 * is the row's 1-based `row_number()` in the list's order and `total` its `count(*) OVER ()`.
 * A page past the end keeps the last page's rows, so the count still comes back with them
 * (the accounts list, its records-only table, the collection page's latest runs and cursors).
 */
export function onNumberedPage(position: Prisma.Sql, total: Prisma.Sql, request: PageRequest): Prisma.Sql {
  const { page, size } = normalise(request);
  const first = Prisma.sql`LEAST(${(page - 1) * size}::bigint, (GREATEST(ceil(${total}::numeric / ${size}::int), 1) - 1)::bigint * ${size}::int)`;
  return Prisma.sql`${position} > ${first} AND ${position} <= ${first} + ${size}::int`;
}

/** The pager's figures for the `shown` rows onNumberedPage kept, of `total` in the list. */
export function numberedPageSlice(total: number, shown: number, request: PageRequest): NumberedPageSlice {
  const { page: asked, size } = normalise(request);
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(asked, pages);
  const start = (page - 1) * size;
  return { page, pages, from: shown > 0 ? start + 1 : 0, to: start + shown, total };
}
