import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateQueue } from "@/lib/jobs/queue";
import { startEmbeddedPostgres } from "@/lib/pg/embedded";
import { ensureDatabase, migrateDatabase } from "@/lib/pg/migrate";

/**
 * One real PostgreSQL for the integration suite: the embedded one in a throwaway folder
 * (or the server of PARAPET_TEST_DATABASE_URL), with a migrated template database that
 * every test file clones (CREATE DATABASE ... TEMPLATE), so files never share rows.
 */
export default async function setup(project: TestProject) {
  const external = process.env.PARAPET_TEST_DATABASE_URL;
  let adminUrl: string;
  let stop = async () => {};
  let dataDir: string | undefined;
  if (external) {
    adminUrl = external;
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "parapet-test-pg-"));
    const cluster = await startEmbeddedPostgres({ dataDir, port: 0, ephemeral: true });
    adminUrl = cluster.url;
    stop = cluster.stop;
  }
  const templateUrl = withDatabase(adminUrl, "parapet_template");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS parapet_template");
  await admin.end();
  await ensureDatabase(adminUrl, "parapet_template");
  await migrateDatabase(templateUrl);
  const pool = new pg.Pool({ connectionString: templateUrl });
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  await migrateQueue(pool);
  await pool.end();

  project.provide("pgAdminUrl", adminUrl);
  return async () => {
    await stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
