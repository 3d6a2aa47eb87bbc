import "server-only";
import type { AccountScope } from "@/lib/auth/account-scope";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { selectOverviewAccounts } from "./select-overview-accounts";

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

export interface OverviewPageQuery {
  scope: AccountScope;
  /** Columns of the subquery `o` of selectOverviewAccounts (and of `inner`'s joins) the rows carry. */
  columns: Prisma.Sql;
  /** ORDER BY terms of the whole set (orderOverviewAccounts). */
  order: Prisma.Sql;
  /** Joins the order needs for every account (before the cut). */
  inner?: Prisma.Sql;
  /** Joins and columns only the rows shown need (after the cut: they run once per row of the page). */
  outer?: { joins: Prisma.Sql; columns: Prisma.Sql };
  page: number;
  size: number;
}

/**
 * Sorts the overview's whole set of accounts in PostgreSQL and returns one page of it with
 * the total, in one statement: each account's position in the order and the number of
 * accounts are window functions, and only the rows of the clamped page leave the server.
 * What a request moves and maps grows with the page size, not with the accounts.
 */
export async function cutOverviewPage<Row extends object>(query: OverviewPageQuery): Promise<OverviewPage<Row>> {
  const { page, size } = query;
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1)
    throw new Error(`cutOverviewPage: bad page ${page} or size ${size}`);
  // The page shown: the one asked for, or the last one when it is past the end (as slicePage does).
  const shown = Prisma.sql`LEAST(${page}::bigint, GREATEST(1, (p.total + ${size}::bigint - 1) / ${size}::bigint))`;
  const rows = await getDb().$queryRaw<Array<Row & { total: bigint; position: bigint }>>`
    SELECT p.* ${query.outer ? Prisma.sql`, ${query.outer.columns}` : Prisma.empty}
    FROM (
      SELECT ${query.columns}, row_number() OVER (ORDER BY ${query.order}) AS position, count(*) OVER () AS total
      FROM ${selectOverviewAccounts(query.scope)} ${query.inner ?? Prisma.empty}
    ) p ${query.outer ? query.outer.joins : Prisma.empty}
    WHERE p.position > (${shown} - 1) * ${size}::bigint AND p.position <= ${shown} * ${size}::bigint
    ORDER BY p.position`;
  const total = rows.length === 0 ? 0 : Number(rows[0]!.total);
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.min(page, pages);
  const start = (current - 1) * size;
  return {
    rows: rows.map(({ total: _total, position: _position, ...row }) => row as unknown as Row),
    page: current,
    pages,
    from: rows.length ? start + 1 : 0,
    to: start + rows.length,
    total,
  };
}
