import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";
import { decodeRunCursor, encodeRunCursor } from "@/lib/data/runs/runs-cursor";
import type { RUN_STATUSES } from "@/lib/data/runs/run-filters";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

export const RUNS_PAGE_SIZE = 50;
export { RUN_STATUSES } from "@/lib/data/runs/run-filters";

export interface RunRow {
  id: string;
  accountId: string;
  accountName: string;
  status: string;
  trigger: string;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
  fetched: number;
  inserted: number;
  updated: number;
  failedSteps: number;
  steps: number;
}

const ZRunStats = z
  .object({ fetched: z.number().default(0), inserted: z.number().default(0), updated: z.number().default(0) })
  .catch({ fetched: 0, inserted: 0, updated: 0 });
/**
 * Recent collection runs in the user's scope, newest first, filtered by account and
 * status, one keyset page at a time (`after` is the cursor of the previous page's last row;
 * one this list did not write is an INVALID_INPUT AppError).
 */
export async function findRuns(
  user: SessionUser,
  filters: { accountId?: string; status?: (typeof RUN_STATUSES)[number]; after?: string },
): Promise<{ rows: RunRow[]; nextCursor: string | null }> {
  const conditions: Prisma.Sql[] = [];
  conditions.push(accountInScope(user.scope, "r.account_id"));
  if (filters.accountId) conditions.push(Prisma.sql`r.account_id = ${filters.accountId}`);
  if (filters.status) conditions.push(Prisma.sql`r.status = ${filters.status}`);
  const after = filters.after ? decodeRunCursor(filters.after) : null;
  if (filters.after && !after)
    throw new AppError("INVALID_INPUT", "after: is not a page cursor of this list (start again from the newest runs)");
  if (after) conditions.push(Prisma.sql`(r.started_at, r.id) < (${after.t}::timestamptz, ${after.i}::bigint)`);
  const rows = await getDb().$queryRaw<
    Array<{
      id: string;
      account_id: string;
      account_name: string;
      status: string;
      trigger: string;
      started_at: Date;
      finished_at: Date | null;
      error: string | null;
      stats: unknown;
      failed_steps: number;
      steps: number;
    }>
  >`
    SELECT r.id::text AS id, r.account_id, a.name AS account_name, r.status, r.trigger, r.started_at, r.finished_at, r.error, r.stats,
           (SELECT count(*) FILTER (WHERE s.status = 'failed') FROM collection_steps s WHERE s.run_id = r.id)::int AS failed_steps,
           (SELECT count(*) FROM collection_steps s WHERE s.run_id = r.id)::int AS steps
    FROM collection_runs r
    JOIN accounts a ON a.id = r.account_id
    WHERE ${conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, " AND ")}
    ORDER BY r.started_at DESC, r.id DESC
    LIMIT ${RUNS_PAGE_SIZE + 1}`;
  const page = rows.slice(0, RUNS_PAGE_SIZE).map((row) => {
    const stats = ZRunStats.parse(row.stats);
    return {
      id: row.id,
      accountId: row.account_id,
      accountName: row.account_name,
      status: row.status,
      trigger: row.trigger,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      error: row.error,
      fetched: stats.fetched,
      inserted: stats.inserted,
      updated: stats.updated,
      failedSteps: row.failed_steps,
      steps: row.steps,
    };
  });
  const last = page[page.length - 1];
  const nextCursor = rows.length > RUNS_PAGE_SIZE && last ? encodeRunCursor(last) : null;
  return { rows: page, nextCursor };
}
