import { afterAll, beforeAll, expect, test } from "vitest";
import { migrateDatabase, RENAMED_MIGRATIONS } from "@/lib/pg/migrate";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

test("a database migrated to the end has nothing left to apply", async () => {
  expect(await migrateDatabase(database.url)).toEqual([]);
});

test("a database that recorded a migration under its old file name migrates, and records the new name", async () => {
  const [recorded, current] = Object.entries(RENAMED_MIGRATIONS)[0]!;
  // As an install that applied the file before it was renamed has it.
  await database.pool.query("UPDATE parapet_migrations SET name = $1 WHERE name = $2", [recorded, current]);
  expect((await database.pool.query("SELECT 1 FROM parapet_migrations WHERE name = $1", [recorded])).rowCount).toBe(1);

  expect(await migrateDatabase(database.url)).toEqual([]);

  const names = (await database.pool.query<{ name: string }>("SELECT name FROM parapet_migrations ORDER BY run_on, id")).rows.map(
    (row) => row.name,
  );
  expect(names).toContain(current);
  expect(names).not.toContain(recorded);
});
