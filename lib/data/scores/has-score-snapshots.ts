import "server-only";
import type pg from "pg";

/** Whether any account was ever scored (the demo seeds a week of history only into an unscored database). System read, no user scope. */
export async function hasScoreSnapshots(pool: pg.Pool): Promise<boolean> {
  const result = await pool.query<{ exists: boolean }>("SELECT EXISTS (SELECT 1 FROM score_snapshots) AS exists");
  return result.rows[0]!.exists;
}
