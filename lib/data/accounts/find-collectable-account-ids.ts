import "server-only";
import type pg from "pg";

/**
 * The accounts a collection sweep queues: registered with a role and not disabled
 * (accounts known only from records have no role). A system read for the worker, so no
 * user scope applies.
 */
export async function findCollectableAccountIds(pool: pg.Pool): Promise<string[]> {
  const result = await pool.query<{ id: string }>(
    "SELECT id FROM accounts WHERE role_arn IS NOT NULL AND status <> 'disabled' ORDER BY id",
  );
  return result.rows.map((row) => row.id);
}
