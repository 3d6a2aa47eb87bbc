import path from "node:path";
import pg from "pg";

/**
 * Applies prisma/migrations/*.sql with node-pg-migrate (each file has `-- Up Migration`
 * and `-- Down Migration` sections). Prisma's own migration engine is a native binary
 * downloaded at run time, which air-gapped installs cannot fetch; plain SQL files can be
 * reviewed by a DBA and applied anywhere. A lock table makes concurrent runs safe.
 */
export async function migrateDatabase(databaseUrl: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const { runner } = await import("node-pg-migrate");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const applied = await runner({
      dbClient: client,
      dir: path.resolve(__dirname, "../../prisma/migrations"),
      migrationsTable: "parapet_migrations",
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
