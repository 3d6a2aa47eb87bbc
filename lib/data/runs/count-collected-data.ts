import "server-only";
import type pg from "pg";

/** Accounts collected at least once, stored findings and CloudTrail events: the demo's "collected" line. System read, no user scope. */
export async function countCollectedData(pool: pg.Pool): Promise<{ accounts: number; findings: number; events: number }> {
  const result = await pool.query<{ accounts: string; findings: string; events: string }>(
    `SELECT (SELECT count(*) FROM accounts WHERE last_collected_at IS NOT NULL)::text AS accounts,
            (SELECT count(*) FROM findings)::text AS findings,
            (SELECT count(*) FROM cloudtrail_events)::text AS events`,
  );
  const row = result.rows[0]!;
  return { accounts: Number(row.accounts), findings: Number(row.findings), events: Number(row.events) };
}
