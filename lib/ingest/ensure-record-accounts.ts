import "server-only";
import type pg from "pg";

/**
 * Records name the account they belong to, which need not be registered yet (an import, a
 * delegated administrator's view of its members). Such accounts are created as
 * `data_only` (no role, never collected) so that no record is dropped or misfiled.
 */
export async function ensureRecordAccounts(client: pg.ClientBase, accountIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return;
  await client.query(
    `INSERT INTO accounts (id, name, regions, status)
     SELECT id, id, '{}', 'data_only' FROM unnest($1::text[]) AS id
     ON CONFLICT (id) DO NOTHING`,
    [ids],
  );
}
