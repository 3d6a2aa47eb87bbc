import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";

export interface RecordsOnlyPage {
  rows: Array<{ id: string; name: string }>;
  /** The page shown: a page past the last one shows the last one. */
  page: number;
  pages: number;
  from: number;
  to: number;
  total: number;
}

/**
 * One page of the accounts the user may see that Parapet knows only from imported records
 * (status data_only: no role, nothing to collect), by name then id, with their number. Paged
 * because an organisation's imports can name hundreds of accounts no role reaches.
 */
export async function findRecordsOnlyAccounts(user: SessionUser, paging: { page: number; size: number }): Promise<RecordsOnlyPage> {
  const size = Math.max(1, Math.floor(paging.size));
  const offset = (Math.max(1, Math.floor(paging.page)) - 1) * size;
  const rows = await getDb().$queryRaw<Array<{ id: string; name: string; total: number }>>`
    WITH listed AS (
      SELECT a.id, a.name, count(*) OVER ()::int AS total, row_number() OVER (ORDER BY a.name, a.id) AS position
      FROM accounts a WHERE a.status = 'data_only' AND ${accountInScope(user.scope, "a.id")}
    )
    SELECT id, name, total FROM listed
    WHERE position > LEAST(${offset}::bigint, (GREATEST(ceil(total::numeric / ${size}::int), 1) - 1)::bigint * ${size}::int)
      AND position <= LEAST(${offset}::bigint, (GREATEST(ceil(total::numeric / ${size}::int), 1) - 1)::bigint * ${size}::int) + ${size}::int
    ORDER BY position`;
  const total = rows[0]?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, Math.floor(paging.page)), pages);
  const start = (page - 1) * size;
  return {
    rows: rows.map((row) => ({ id: row.id, name: row.name })),
    page,
    pages,
    from: rows.length > 0 ? start + 1 : 0,
    to: start + rows.length,
    total,
  };
}
