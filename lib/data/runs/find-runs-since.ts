import "server-only";
import type pg from "pg";

export interface RunOutcome {
  accountId: string;
  /** running | succeeded | partial | failed */
  status: string;
  error: string | null;
  stats: Record<string, number>;
}

/**
 * Each account's latest collection run started at or after `since`: what `collect --once`
 * reports and decides its exit code on. A system read for the CLI, so no user scope applies.
 */
export async function findRunsSince(pool: pg.Pool, since: Date): Promise<RunOutcome[]> {
  const result = await pool.query<{ account_id: string; status: string; error: string | null; stats: Record<string, number> | null }>(
    `SELECT DISTINCT ON (account_id) account_id, status, error, stats FROM collection_runs
     WHERE started_at >= $1 ORDER BY account_id, started_at DESC`,
    [since],
  );
  return result.rows.map((row) => ({ accountId: row.account_id, status: row.status, error: row.error, stats: row.stats ?? {} }));
}
