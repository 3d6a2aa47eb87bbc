import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { closeDb, getDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The application's reads run as named statements (lib/pg/statement-name.ts): PostgreSQL
 * parses each once per connection and runs it again from there, and the answers stay right
 * when it moves to a generic plan after five runs.
 */
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

interface PreparedRow {
  name: string;
  statement: string;
  runs: number;
}

/** The prepared statements of the connection this read runs on (the read itself is one of them). */
async function preparedStatements(): Promise<PreparedRow[]> {
  return getDb().$queryRaw<PreparedRow[]>`
    SELECT name, statement, (generic_plans + custom_plans)::int AS runs FROM pg_prepared_statements ORDER BY name`;
}

describe("prepared reads", () => {
  test("a read is prepared once and run from there, with the right answer every time", async () => {
    // Sequential queries go to the same pooled connection (the pool hands out the one released last).
    for (let value = 1; value <= 8; value++) {
      const rows = await getDb().$queryRaw<Array<{ n: number }>>`SELECT ${value}::int + 1 AS n`;
      expect(rows).toEqual([{ n: value + 1 }]);
    }
    const statements = await preparedStatements();
    const read = statements.find((row) => row.statement.includes("::int + 1 AS n"));
    expect(read?.name).toMatch(/^parapet_[0-9a-f]{32}$/);
    expect(read?.runs).toBe(8);
    expect(statements.filter((row) => row.statement.includes("::int + 1 AS n"))).toHaveLength(1);
  });

  test("the ORM's reads are prepared too; writes are not", async () => {
    await getDb().user.findMany({ where: { email: "nobody@example.com" } });
    await getDb().$executeRaw`UPDATE accounts SET name = name WHERE id = ${"000000000000"}`;
    const statements = await preparedStatements();
    expect(statements.some((row) => /^\s*SELECT .*"users"/s.test(row.statement))).toBe(true);
    expect(statements.some((row) => /^\s*UPDATE/i.test(row.statement))).toBe(false);
  });

  test("a read that fails to parse is not kept, and the connection goes on", async () => {
    await expect(getDb().$queryRawUnsafe("SELECT no_such_column FROM accounts")).rejects.toThrow(/no_such_column/);
    const statements = await preparedStatements();
    expect(statements.some((row) => row.statement.includes("no_such_column"))).toBe(false);
    expect(await getDb().$queryRaw`SELECT 'still fine' AS answer`).toEqual([{ answer: "still fine" }]);
  });

  test("PARAPET_PG_PREPARED_STATEMENTS=off runs every read unnamed", async () => {
    await closeDb();
    process.env.PARAPET_PG_PREPARED_STATEMENTS = "off";
    vi.resetModules();
    try {
      const fresh = await import("@/lib/db");
      expect(await fresh.getDb().$queryRaw`SELECT ${41}::int + 1 AS unnamed`).toEqual([{ unnamed: 42 }]);
      const statements = await fresh.getDb().$queryRaw<PreparedRow[]>`SELECT name, statement, 0 AS runs FROM pg_prepared_statements`;
      expect(statements).toEqual([]);
      await fresh.closeDb();
    } finally {
      delete process.env.PARAPET_PG_PREPARED_STATEMENTS;
      vi.resetModules();
    }
  });
});
