import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FINDING_STATUSES, SEVERITY_LABELS } from "@/lib/aws/normalise/types";
import { FINDING_SOURCES, SOURCES } from "@/lib/aws/sources";
import { ITEM_STATUSES } from "@/lib/checklist/types";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The database's CHECK constraints repeat the registry's lists (SQL cannot import them).
 * `tsc` points at the TypeScript places when a source is added; this test points at the
 * migration still to write, instead of a constraint violation at the first collection.
 */
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

async function allowedValues(constraint: string): Promise<string[]> {
  const result = await database.pool.query<{ definition: string }>(
    "SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = $1",
    [constraint],
  );
  expect(result.rows).toHaveLength(1);
  return [...result.rows[0]!.definition.matchAll(/'([^']+)'::text/g)].map((match) => match[1]!).sort();
}

describe("the database allows exactly the values the code declares", () => {
  test.each([
    ["collection_steps_source_check", SOURCES],
    ["findings_source_check", FINDING_SOURCES],
    ["findings_severity_label_check", SEVERITY_LABELS],
    ["findings_status_check", FINDING_STATUSES],
    ["checklist_results_status_check", ITEM_STATUSES],
  ] as const)("%s", async (constraint, values) => {
    expect(await allowedValues(constraint)).toEqual([...values].sort());
  });
});
