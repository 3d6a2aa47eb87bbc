import { getDataDir, getEnv, setDatabaseUrl } from "@/lib/env";
import { checkConnection } from "@/lib/pg/check-connection";
import { startEmbeddedPostgres } from "@/lib/pg/embedded";
import { ensureDatabase, migrateDatabase } from "@/lib/pg/migrate";
import { CliError } from "@/cli/cli-error";

export interface OpenDatabase {
  url: string;
  isEmbedded: boolean;
  stop: () => Promise<void>;
}

/** Hides the password of a connection string for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

/**
 * DATABASE_URL when set (checked with a real connection, so a wrong one is one clear line),
 * else the embedded PostgreSQL in PARAPET_DATA_DIR/pg with a `parapet` database. Sets
 * DATABASE_URL for this process and the children it starts, and applies migrations.
 */
export async function openDatabase(options: { log: (line: string) => void; migrate?: boolean }): Promise<OpenDatabase> {
  const env = getEnv();
  let url: string;
  let stop = async () => {};
  const isEmbedded = !env.DATABASE_URL;
  if (env.DATABASE_URL) {
    url = env.DATABASE_URL;
  } else {
    const started = Date.now();
    const cluster = await startEmbeddedPostgres({ dataDir: getDataDir(), port: env.PARAPET_PG_PORT });
    await ensureDatabase(cluster.url, "parapet");
    url = cluster.urlFor("parapet");
    stop = cluster.stop;
    options.log(`embedded PostgreSQL ready on 127.0.0.1:${cluster.port} in ${Date.now() - started} ms (data in ${getDataDir()}/pg)`);
  }
  try {
    await checkConnection(url);
  } catch (error) {
    throw new CliError(`cannot connect to the database at ${redactUrl(url)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  setDatabaseUrl(url);
  if (options.migrate !== false) {
    const applied = await migrateDatabase(url, options.log);
    if (applied.length === 0) options.log("database schema is up to date");
  }
  return { url, isEmbedded, stop };
}
