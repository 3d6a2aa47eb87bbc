import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { numberedPageSlice, onNumberedPage, type NumberedPageSlice } from "@/lib/data/numbered-page";

export interface RecordsOnlyPage extends NumberedPageSlice {
  rows: Array<{ id: string; name: string }>;
}

/**
 * One page of the accounts the user may see that Parapet knows only from imported records
 * (status data_only: no role, nothing to collect), by name then id, with their number. Paged
 * because an organisation's imports can name hundreds of accounts no role reaches.
 */
export async function findRecordsOnlyAccounts(user: SessionUser, paging: { page: number; size: number }): Promise<RecordsOnlyPage> {
  const rows = await getDb().$queryRaw<Array<{ id: string; name: string; total: number }>>`
    WITH listed AS (
      SELECT a.id, a.name, count(*) OVER ()::int AS total, row_number() OVER (ORDER BY a.name, a.id) AS position
      FROM accounts a WHERE a.status = 'data_only' AND ${accountInScope(user.scope, "a.id")}
    )
    SELECT id, name, total FROM listed
    WHERE ${onNumberedPage(Prisma.sql`position`, Prisma.sql`total`, paging)}
    ORDER BY position`;
  return {
    rows: rows.map((row) => ({ id: row.id, name: row.name })),
    ...numberedPageSlice(rows[0]?.total ?? 0, rows.length, paging),
  };
}
