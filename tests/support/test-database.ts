import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { closeDb } from "@/lib/db";
import { setDatabaseUrl } from "@/lib/env";
import { withDatabase } from "../global-setup";

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  drop: () => Promise<void>;
}

/**
 * A fresh database cloned from the migrated template, and this process pointed at it
 * (lib/db uses DATABASE_URL). Each test file gets its own: no shared rows, no ordering.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const name = `parapet_test_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE parapet_template`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  setDatabaseUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return {
    url,
    pool,
    drop: async () => {
      await closeDb();
      await pool.end();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
