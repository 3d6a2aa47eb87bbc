import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/pg/embedded";
import { ensureDatabase, migrateDatabase } from "@/lib/pg/migrate";

export interface BenchDatabase {
  url: string;
  /** The cluster's folder (its postmaster's command line names it). */
  dataDir: string;
  pool: pg.Pool;
  stop(): Promise<void>;
}

/**
 * A throwaway embedded PostgreSQL (ephemeral settings, as the integration tests use) with
 * the project's migrations applied. Everything is removed on stop, unless `dataDir` is
 * given: then the cluster lives there and is kept (`--reuse DIR`, so a seeded database
 * is paid for once); migrations added since it was seeded are applied on the next start.
 * `log` receives the server's own log lines (auto_explain plans with `--explain`).
 */
export async function startBenchDatabase(options: {
  poolSize: number;
  dataDir?: string;
  log?: (line: string) => void;
}): Promise<BenchDatabase> {
  const isKept = options.dataDir !== undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "parapet-bench-pg-")));
  await mkdir(dataDir, { recursive: true });
  const cluster = await startEmbeddedPostgres({ dataDir, port: 0, ephemeral: true, log: options.log });
  const removeUnlessKept = () => (isKept ? Promise.resolve() : rm(dataDir, { recursive: true, force: true }));
  try {
    await ensureDatabase(cluster.url, "parapet_bench");
    const url = cluster.urlFor("parapet_bench");
    await migrateDatabase(url);
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize, application_name: "parapet-bench" });
    pool.on("error", () => {});
    return {
      url,
      dataDir,
      pool,
      stop: async () => {
        await pool.end();
        await cluster.stop();
        await removeUnlessKept();
      },
    };
  } catch (error) {
    await cluster.stop();
    await removeUnlessKept();
    throw error;
  }
}
