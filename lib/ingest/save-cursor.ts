import "server-only";
import type pg from "pg";
import type { Source } from "@/lib/aws/sources";

/** A connection or the pool: a cursor is written inside the data's transaction, or alone. */
type Queryable = pg.ClientBase | pg.Pool;

export interface CursorState {
  position: Date | null;
  state: "ok" | "disabled" | "error";
  errorCode?: string | null;
  error?: string | null;
}

/**
 * Moves the cursor of (account, region, source). Called in the same transaction as the data
 * it covers, so a crash can only leave the cursor behind its data (refetched, idempotent),
 * never ahead of it (a gap). A null position keeps the stored one.
 */
export async function saveCursor(
  client: Queryable,
  key: { accountId: string; region: string; source: Source },
  cursor: CursorState,
): Promise<void> {
  await client.query(
    `INSERT INTO source_cursors (account_id, region, source, position, state, error_code, error, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (account_id, region, source) DO UPDATE SET
       position = GREATEST(COALESCE(EXCLUDED.position, source_cursors.position), source_cursors.position),
       state = EXCLUDED.state, error_code = EXCLUDED.error_code, error = EXCLUDED.error, updated_at = now()`,
    [key.accountId, key.region, key.source, cursor.position, cursor.state, cursor.errorCode ?? null, cursor.error ?? null],
  );
}

export async function loadCursor(client: Queryable, key: { accountId: string; region: string; source: Source }): Promise<Date | null> {
  const result = await client.query<{ position: Date | null }>(
    "SELECT position FROM source_cursors WHERE account_id = $1 AND region = $2 AND source = $3",
    [key.accountId, key.region, key.source],
  );
  return result.rows[0]?.position ?? null;
}
