import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { numberedPageSlice, onNumberedPage, type NumberedPageSlice } from "@/lib/data/numbered-page";

import type { CURSOR_FILTERS } from "@/lib/data/runs/run-filters";

export { CURSOR_FILTERS, CURSOR_STATES } from "@/lib/data/runs/run-filters";
/** Cursors per page (`cpage` on the collection page): 8 accounts' worth at 4 regions x 3 sources; one account's all fit. */
export const CURSORS_PAGE_SIZE = 100;

export interface SourceCursorRow {
  accountId: string;
  accountName: string;
  region: string;
  source: string;
  position: Date | null;
  state: string;
  errorCode: string | null;
  error: string | null;
  updatedAt: Date;
}

export interface SourceCursorsPage extends NumberedPageSlice {
  rows: SourceCursorRow[];
}

/**
 * Incremental collection cursors (account x region x source) in the user's scope: where
 * the next collection starts, and the error that stopped the last one. Errors first, then
 * disabled sources, so the first page never hides a problem behind healthy rows; one page of
 * `size` (sorted, counted and cut in PostgreSQL); with the
 * number of cursors in each state (same scope, before the state filter) unless the caller
 * says `{ counts: false }` (the account page shows no counts: one statement fewer a view).
 */
export async function findSourceCursors(
  user: SessionUser,
  filters: { accountId?: string; state: (typeof CURSOR_FILTERS)[number] },
  options?: { counts?: true; page?: number; size?: number },
): Promise<SourceCursorsPage & { counts: Record<string, number> }>;
export async function findSourceCursors(
  user: SessionUser,
  filters: { accountId?: string; state: (typeof CURSOR_FILTERS)[number] },
  options: { counts: false; page?: number; size?: number },
): Promise<SourceCursorsPage>;
export async function findSourceCursors(
  user: SessionUser,
  filters: { accountId?: string; state: (typeof CURSOR_FILTERS)[number] },
  options: { counts?: boolean; page?: number; size?: number } = {},
): Promise<SourceCursorsPage & { counts?: Record<string, number> }> {
  const withCounts = options.counts !== false;
  const paging = { page: options.page ?? 1, size: options.size ?? CURSORS_PAGE_SIZE };
  const scopeConditions: Prisma.Sql[] = [];
  scopeConditions.push(accountInScope(user.scope, "c.account_id"));
  if (filters.accountId) scopeConditions.push(Prisma.sql`c.account_id = ${filters.accountId}`);
  const conditions = [...scopeConditions];
  if (filters.state === "problems") conditions.push(Prisma.sql`c.state <> 'ok'`);
  else if (filters.state !== "all") conditions.push(Prisma.sql`c.state = ${filters.state}`);
  const db = getDb();
  const [rows, counts] = await Promise.all([
    db.$queryRaw<
      Array<{
        account_id: string;
        account_name: string;
        region: string;
        source: string;
        position: Date | null;
        state: string;
        error_code: string | null;
        error: string | null;
        updated_at: Date;
        total: number;
      }>
    >`
    SELECT * FROM (
      SELECT c.account_id, a.name AS account_name, c.region, c.source, c.position, c.state, c.error_code, c.error, c.updated_at,
             count(*) OVER ()::int AS total,
             row_number() OVER (
               ORDER BY CASE c.state WHEN 'error' THEN 0 WHEN 'disabled' THEN 1 ELSE 2 END, a.name, c.account_id, c.region, c.source
             ) AS position_in_list
      FROM source_cursors c
      JOIN accounts a ON a.id = c.account_id
      WHERE ${conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, " AND ")}
    ) n
    WHERE ${onNumberedPage(Prisma.sql`n.position_in_list`, Prisma.sql`n.total`, paging)}
    ORDER BY n.position_in_list`,
    withCounts
      ? db.$queryRaw<Array<{ state: string; n: number }>>`
    SELECT c.state, count(*)::int AS n FROM source_cursors c
    WHERE ${scopeConditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(scopeConditions, " AND ")}
    GROUP BY c.state`
      : null,
  ]);
  return {
    ...(counts ? { counts: Object.fromEntries(counts.map((row) => [row.state, row.n])) } : {}),
    rows: rows.map((row) => ({
      accountId: row.account_id,
      accountName: row.account_name,
      region: row.region,
      source: row.source,
      position: row.position,
      state: row.state,
      errorCode: row.error_code,
      error: row.error,
      updatedAt: row.updated_at,
    })),
    ...numberedPageSlice(rows[0]?.total ?? 0, rows.length, paging),
  };
}
