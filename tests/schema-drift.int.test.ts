import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectedPostgresType, parsePrismaSchema } from "./support/parse-prisma-schema";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * schema.prisma (the generated client) and prisma/migrations/*.sql (the database) are
 * written by hand side by side; this test fails as soon as they disagree on a table, a
 * column's type or nullability, a primary key, a unique constraint or an index.
 */
const tables = parsePrismaSchema(readFileSync(path.resolve(__dirname, "../prisma/schema.prisma"), "utf8"));
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe("schema.prisma matches the migrated database", () => {
  test("the parser read every model", () => {
    expect(tables.length).toBeGreaterThanOrEqual(14);
    expect(tables.find((table) => table.table === "findings")?.uniques).toContainEqual(["source", "source_id"]);
  });

  test("same tables", async () => {
    // Partitions are storage of their parent (which Prisma maps), not tables of their own; checked below.
    const result = await database.pool.query<{ table_name: string }>(
      `SELECT t.table_name FROM information_schema.tables t
       JOIN pg_class c ON c.relname = t.table_name AND c.relnamespace = 'public'::regnamespace
       WHERE t.table_schema = 'public' AND t.table_name <> 'parapet_migrations' AND NOT c.relispartition ORDER BY 1`,
    );
    expect(result.rows.map((row) => row.table_name)).toEqual(tables.map((table) => table.table).sort());
  });

  test("cloudtrail_events is the one partitioned table: by range of event_time, with a DEFAULT partition", async () => {
    const parents = await database.pool.query<{ table_name: string; key: string }>(
      `SELECT c.relname AS table_name, pg_get_partkeydef(c.oid) AS key FROM pg_class c
       WHERE c.relkind = 'p' AND c.relnamespace = 'public'::regnamespace`,
    );
    expect(parents.rows).toEqual([{ table_name: "cloudtrail_events", key: "RANGE (event_time)" }]);
    const partitions = await database.pool.query<{ name: string; bound: string }>(
      `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'cloudtrail_events'::regclass`,
    );
    expect(partitions.rows.filter((row) => row.bound === "DEFAULT").map((row) => row.name)).toEqual(["cloudtrail_events_default"]);
    // The migration creates the months from 90 days back (at least two before this one) to two ahead, each named for its month.
    expect(partitions.rows.length).toBeGreaterThanOrEqual(6);
    for (const row of partitions.rows.filter((item) => item.bound !== "DEFAULT"))
      expect(row.name).toMatch(/^cloudtrail_events_y\d{4}m\d{2}$/);
  });

  test.each(tables.map((table) => [table.table, table] as const))("%s: same columns, types and nullability", async (_name, table) => {
    const result = await database.pool.query<{ column_name: string; data_type: string; is_nullable: string }>(
      "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
      [table.table],
    );
    const actual = Object.fromEntries(
      result.rows.map((row) => [row.column_name, { type: row.data_type, nullable: row.is_nullable === "YES" }]),
    );
    const expected = Object.fromEntries(
      table.columns.map((column) => [
        column.column,
        // Prisma lists are nullable in PostgreSQL either way; compare their type only.
        { type: expectedPostgresType(column), nullable: column.isList ? (actual[column.column]?.nullable ?? true) : column.isOptional },
      ]),
    );
    expect(actual).toEqual(expected);
  });

  test.each(tables.map((table) => [table.table, table] as const))(
    "%s: same primary key, unique constraints and indexes",
    async (_name, table) => {
      const result = await database.pool.query<{ indexname: string; is_unique: boolean; is_primary: boolean; columns: string[] }>(
        `SELECT i.relname AS indexname, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
              array_agg(a.attname::text ORDER BY k.ordinality) AS columns
       FROM pg_index ix
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ordinality)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE n.nspname = 'public' AND t.relname = $1
         -- Key columns only: an index's INCLUDE columns have no Prisma spelling (schema.prisma says so in a comment).
         AND k.ordinality <= ix.indnkeyatts
       GROUP BY i.relname, ix.indisunique, ix.indisprimary`,
        [table.table],
      );
      const primary = result.rows.find((row) => row.is_primary)?.columns ?? [];
      const uniques = result.rows
        .filter((row) => row.is_unique && !row.is_primary)
        .map((row) => row.columns.join(","))
        .sort();
      const indexes = result.rows
        .filter((row) => !row.is_unique)
        .map((row) => row.columns.join(","))
        .sort();
      expect(primary).toEqual(table.primaryKey);
      expect(uniques).toEqual(table.uniques.map((columns) => columns.join(",")).sort());
      expect(indexes).toEqual(table.indexes.map((columns) => columns.join(",")).sort());
    },
  );
});
