import { describe, expect, test } from "vitest";
import { MAX_PREPARED_STATEMENTS, statementName } from "./statement-name";

describe("statementName", () => {
  test("a read gets a name from its text: the same text the same name, another text another", () => {
    const names = new Map<string, string>();
    const first = statementName({ sql: "\n    WITH listed AS (SELECT 1) SELECT * FROM listed" }, names);
    expect(first).toMatch(/^parapet_[0-9a-f]{32}$/);
    expect(statementName({ sql: "\n    WITH listed AS (SELECT 1) SELECT * FROM listed" }, names)).toBe(first);
    const other = statementName({ sql: 'SELECT "public"."users"."id" FROM "public"."users" WHERE "id" = $1' }, names);
    expect(other).toMatch(/^parapet_/);
    expect(other).not.toBe(first);
  });

  test("writes and DDL run unnamed", () => {
    const names = new Map<string, string>();
    for (const sql of [
      "INSERT INTO audit_log (action) VALUES ($1)",
      "UPDATE accounts SET name = $1",
      "DELETE FROM sessions WHERE id = $1",
      "CREATE TABLE cloudtrail_events_20261202 PARTITION OF cloudtrail_events FOR VALUES FROM ('2026-12-02') TO ('2026-12-03')",
      "SELECTED_NOT_A_KEYWORD",
    ])
      expect(statementName({ sql }, names)).toBeUndefined();
    expect(names.size).toBe(0);
  });

  test("past the cap new texts run unnamed and the named ones keep their names", () => {
    const names = new Map<string, string>();
    const kept = statementName({ sql: "SELECT 0" }, names);
    for (let index = 1; index < MAX_PREPARED_STATEMENTS; index++) statementName({ sql: `SELECT ${index}` }, names);
    expect(names.size).toBe(MAX_PREPARED_STATEMENTS);
    expect(statementName({ sql: `SELECT ${MAX_PREPARED_STATEMENTS}` }, names)).toBeUndefined();
    expect(statementName({ sql: "SELECT 0" }, names)).toBe(kept);
    expect(names.size).toBe(MAX_PREPARED_STATEMENTS);
  });
});
