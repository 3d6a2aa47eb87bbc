import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { RENAMED_MIGRATIONS } from "./migrate";

const dir = path.resolve(__dirname, "../../prisma/migrations");
const files = readdirSync(dir)
  .filter((name) => name.endsWith(".sql"))
  .sort();

/**
 * node-pg-migrate orders migrations by the number in front of the name, people (and `ls`)
 * by the text. With a prefix of another length the two orders differ, and the order check
 * then refuses every migration written after it on a database that already applied it.
 */
describe("migration file names", () => {
  test("every prefix is 13 digits (a millisecond timestamp) and unique", () => {
    const prefixes = files.map((name) => /^(\d+)_[a-z0-9-]+\.sql$/.exec(name)?.[1]);
    expect(prefixes.filter((prefix) => prefix === undefined || prefix.length !== 13)).toEqual([]);
    expect(new Set(prefixes).size).toBe(files.length);
  });

  test("the order by name is the order by number", () => {
    const byNumber = [...files].sort((a, b) => Number(a.split("_")[0]) - Number(b.split("_")[0]));
    expect(files).toEqual(byNumber);
  });

  test("every renamed migration's new name is a file, its old name is not", () => {
    for (const [recorded, current] of Object.entries(RENAMED_MIGRATIONS)) {
      expect(files).toContain(`${current}.sql`);
      expect(files).not.toContain(`${recorded}.sql`);
    }
  });
});
