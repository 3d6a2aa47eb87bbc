import { readdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inject } from "vitest";
import { withDatabase } from "./global-setup";

/**
 * The migration that partitions cloudtrail_events, applied to a database that already holds
 * events (an existing install): every row is kept, column for column, each in the partition
 * of its month. The database is migrated up to the file before it, given rows, then migrated
 * the rest of the way, as `parapet migrate` does on an upgrade.
 */
const MIGRATIONS = path.resolve(__dirname, "../prisma/migrations");
const PARTITIONING = "1765100000000_cloudtrail-events-partitioned";
// node-pg-migrate orders files by their numeric prefix (not by name), so count the same way.
const prefix = (file: string) => Number(file.split("_")[0]);
const before = readdirSync(MIGRATIONS).filter((file) => file.endsWith(".sql") && prefix(file) < prefix(PARTITIONING));

let admin: pg.Client;
let name: string;
let pool: pg.Pool;

async function migrate(count?: number, direction: "up" | "down" = "up", file?: string): Promise<void> {
  const { runner } = await import("node-pg-migrate");
  const client = new pg.Client({ connectionString: withDatabase(inject("pgAdminUrl"), name) });
  await client.connect();
  try {
    await runner({
      dbClient: client,
      dir: MIGRATIONS,
      migrationsTable: "parapet_migrations",
      direction,
      checkOrder: true,
      singleTransaction: true,
      ...(count === undefined ? {} : { count }),
      ...(file === undefined ? {} : { file }),
      log: () => {},
    });
  } finally {
    await client.end();
  }
}

const ROWS = [
  // event_id, event_time, ingested_at: three months, one of them long gone by retention (kept by the migration all the same).
  ["ev-2019", "2019-03-03T03:03:03.123Z", "2019-03-04T00:00:00.000Z"],
  ["ev-oct", "2025-10-31T23:59:59.999Z", "2025-11-01T00:00:00.000Z"],
  ["ev-nov-1", "2025-11-01T00:00:00.000Z", "2025-11-01T00:10:00.000Z"],
  ["ev-nov-2", "2025-11-20T08:00:00.000Z", "2025-11-20T08:10:00.000Z"],
] as const;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await admin.connect();
  name = `parapet_migration_${randomBytes(5).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await migrate(before.length);
  pool = new pg.Pool({ connectionString: withDatabase(inject("pgAdminUrl"), name) });
  pool.on("error", () => {});
  await pool.query("INSERT INTO accounts (id, name, regions) VALUES ('111122223333', 'prod', ARRAY['us-east-1'])");
  for (const [id, time, ingested] of ROWS) {
    await pool.query(
      `INSERT INTO cloudtrail_events (event_id, account_id, region, event_name, event_source, event_time, user_type, user_arn,
         source_ip, error_code, mfa_used, read_only, raw, ingested_at)
       VALUES ($1, '111122223333', 'eu-west-1', 'ConsoleLogin', 'signin.amazonaws.com', $2, 'Root', NULL, '198.51.100.7',
         NULL, false, NULL, $3, $4)`,
      [id, time, JSON.stringify({ eventID: id, eventTime: time, nested: { list: [1, 2] } }), ingested],
    );
  }
});

afterAll(async () => {
  await pool?.end();
  // FORCE: the migration runner's connections may still be closing.
  await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin?.end();
});

describe("partitioning cloudtrail_events on a database with events", () => {
  test("keeps every row unchanged, each in its month's partition, with the new key", async () => {
    const columns = `event_id, account_id, region, event_name, event_source, event_time, user_type, user_arn, source_ip, error_code,
      mfa_used, read_only, raw, ingested_at`;
    const old = await pool.query(`SELECT ${columns} FROM cloudtrail_events ORDER BY event_id`);
    expect(old.rows).toHaveLength(4);
    const kind = await pool.query("SELECT relkind FROM pg_class WHERE relname = 'cloudtrail_events'");
    expect(kind.rows).toEqual([{ relkind: "r" }]);
    await migrate();

    const kept = await pool.query(`SELECT ${columns} FROM cloudtrail_events ORDER BY event_id`);
    expect(kept.rows).toEqual(old.rows);
    const placed = await pool.query<{ event_id: string; partition: string }>(
      "SELECT event_id, tableoid::regclass::text AS partition FROM cloudtrail_events ORDER BY event_id",
    );
    expect(placed.rows).toEqual([
      { event_id: "ev-2019", partition: "cloudtrail_events_y2019m03" },
      { event_id: "ev-nov-1", partition: "cloudtrail_events_y2025m11" },
      { event_id: "ev-nov-2", partition: "cloudtrail_events_y2025m11" },
      { event_id: "ev-oct", partition: "cloudtrail_events_y2025m10" },
    ]);
    const key = await pool.query<{ definition: string }>(
      "SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'cloudtrail_events_pkey'",
    );
    expect(key.rows).toEqual([{ definition: "PRIMARY KEY (event_id, event_time)" }]);
    // The old table is gone; the foreign key still cascades from accounts.
    const leftovers = await pool.query("SELECT to_regclass('cloudtrail_events_unpartitioned') AS old");
    expect(leftovers.rows).toEqual([{ old: null }]);
    await pool.query("DELETE FROM accounts WHERE id = '111122223333'");
    const after = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM cloudtrail_events");
    expect(after.rows[0]!.n).toBe(0);
  });

  test("the down migration puts the rows back into a plain table", async () => {
    await pool.query("INSERT INTO accounts (id, name, regions) VALUES ('111122223333', 'prod', ARRAY['us-east-1'])");
    await pool.query(
      `INSERT INTO cloudtrail_events (event_id, account_id, region, event_name, event_source, event_time, raw)
       VALUES ('ev-a', '111122223333', 'eu-west-1', 'ConsoleLogin', 'signin.amazonaws.com', '2019-03-03T03:03:03Z', '{}'),
              ('ev-b', '111122223333', 'eu-west-1', 'ConsoleLogin', 'signin.amazonaws.com', '2025-11-20T08:00:00Z', '{}')`,
    );
    await migrate(1, "down", PARTITIONING);
    const kind = await pool.query("SELECT relkind FROM pg_class WHERE relname = 'cloudtrail_events'");
    expect(kind.rows).toEqual([{ relkind: "r" }]);
    const rows = await pool.query("SELECT event_id, event_time FROM cloudtrail_events ORDER BY event_id");
    expect(rows.rows).toEqual([
      { event_id: "ev-a", event_time: new Date("2019-03-03T03:03:03Z") },
      { event_id: "ev-b", event_time: new Date("2025-11-20T08:00:00Z") },
    ]);
    const partitions = await pool.query(
      "SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'cloudtrail_events_%' AND relkind = 'r'",
    );
    expect(partitions.rows).toEqual([{ n: 0 }]);
  });
});
