import path from "node:path";
import pg from "pg";

/**
 * Applies prisma/migrations/*.sql with node-pg-migrate (each file has `-- Up Migration`
 * and `-- Down Migration` sections). Prisma's own migration engine is a native binary
 * downloaded at run time, which air-gapped installs cannot fetch; plain SQL files can be
 * reviewed by a DBA and applied anywhere. A lock table makes concurrent runs safe.
 */
/**
 * Migration files renamed after they shipped: the name a database may have recorded -> the
 * file's name now. `17642000000000_account-tag-and-ou-scopes` had a 14-digit prefix among
 * 13-digit ones, so node-pg-migrate (which orders by the number) ran it after every other
 * file while `ls` lists it in the middle, and its order check then refused every later
 * 13-digit migration on databases that had applied it. The new name keeps the position it
 * was really applied in (after 1764800000000), so recorded order and file order agree.
 */
export const RENAMED_MIGRATIONS: Readonly<Record<string, string>> = {
  "17642000000000_account-tag-and-ou-scopes": "1764850000000_account-tag-and-ou-scopes",
};

const MIGRATIONS_TABLE = "parapet_migrations";

async function renameRecordedMigrations(client: pg.Client): Promise<void> {
  const table = await client.query<{ exists: boolean }>("SELECT to_regclass($1) IS NOT NULL AS exists", [MIGRATIONS_TABLE]);
  if (!table.rows[0]?.exists) return;
  for (const [recorded, current] of Object.entries(RENAMED_MIGRATIONS)) {
    await client.query(`UPDATE ${MIGRATIONS_TABLE} SET name = $2 WHERE name = $1`, [recorded, current]);
  }
}

export async function migrateDatabase(databaseUrl: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const { runner } = await import("node-pg-migrate");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await renameRecordedMigrations(client);
    const applied = await runner({
      dbClient: client,
      dir: path.resolve(__dirname, "../../prisma/migrations"),
      migrationsTable: MIGRATIONS_TABLE,
      direction: "up",
      checkOrder: true,
      singleTransaction: true,
      log: () => {},
      logger: { debug: () => {}, info: () => {}, warn: (m: string) => log(m), error: (m: string) => log(m) },
    });
    const names = applied.map((migration) => migration.name);
    for (const name of names) log(`applied migration ${name}`);
    return names;
  } finally {
    await client.end();
  }
}

/** Creates `database` on the server of `adminUrl` if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`invalid database name: ${database}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
}
