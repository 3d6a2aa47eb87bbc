import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OverviewPart } from "./select-overview-accounts";

/** One page of an overview table, as the console's pager shows it (the shape of its PageSlice). */
export interface OverviewPage<T> {
  rows: T[];
  /** The page shown, clamped to the last page (a page past the end shows the last one, not an empty table). */
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown (0 and 0 when there are none). */
  from: number;
  to: number;
  total: number;
}

export interface OverviewPageQuery<Row> {
  /** What the page is cut from, aliased `o`: `overview_accounts o`, or a subquery over it with the columns the order needs. */
  source: Prisma.Sql;
  /** Columns of `source` the rows carry (and the order's). */
  columns: Prisma.Sql;
  /** ORDER BY terms of the whole set over `o` (orderOverviewAccounts); only columns in `columns`. */
  order: Prisma.Sql;
  /** Joins and columns only the rows shown need (after the cut: they run once per row of the page). */
  outer?: { joins: Prisma.Sql; columns: Prisma.Sql };
  /** One row as its JSON object came (column names as keys), as the page returns it. */
  read: (row: never) => Row;
  page: number;
  size: number;
}

/**
 * Sorts `overview_accounts` as a whole in PostgreSQL and returns one page of it with the
 * total, as a JSON object: only the rows of the clamped page are read on (their outer joins)
 * and leave the server, so what a request moves and maps grows with the page size, not with
 * the accounts. The cut is ORDER BY ... OFFSET ... LIMIT (PostgreSQL keeps the top rows in a
 * bounded heap instead of sorting all of them); the aggregate orders the page's rows again
 * by the same terms, as a subquery's order is not one it promises to keep.
 */
export function cutOverviewPage<Row>(query: OverviewPageQuery<Row>): OverviewPart<OverviewPage<Row>> {
  const { page, size } = query;
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1)
    throw new Error(`cutOverviewPage: bad page ${page} or size ${size}`);
  const total = Prisma.sql`(SELECT count(*) FROM overview_accounts)`;
  // The page shown: the one asked for, or the last one when it is past the end (as slicePage does).
  const shown = Prisma.sql`LEAST(${page}::bigint, GREATEST(1, (${total} + ${size}::bigint - 1) / ${size}::bigint))`;
  return {
    sql: Prisma.sql`json_build_object('total', ${total}, 'rows', (
      SELECT COALESCE(json_agg(o ORDER BY ${query.order}), '[]'::json)
      FROM (
        SELECT o.* ${query.outer ? Prisma.sql`, ${query.outer.columns}` : Prisma.empty}
        FROM (
          SELECT ${query.columns} FROM ${query.source}
          ORDER BY ${query.order}
          OFFSET (${shown} - 1) * ${size}::bigint LIMIT ${size}::bigint
        ) o ${query.outer ? query.outer.joins : Prisma.empty}
      ) o))`,
    read: (value: { total: number; rows: never[] }) => {
      const pages = Math.max(1, Math.ceil(value.total / size));
      const current = Math.min(page, pages);
      const start = (current - 1) * size;
      return {
        rows: value.rows.map((row) => query.read(row)),
        page: current,
        pages,
        from: value.rows.length ? start + 1 : 0,
        to: start + value.rows.length,
        total: value.total,
      };
    },
  };
}
