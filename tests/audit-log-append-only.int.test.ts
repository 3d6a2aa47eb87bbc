import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/** The audit trail is evidence: the database refuses to change or remove rows, whoever asks. */
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query(
    "INSERT INTO audit_log (actor_email, action, target, ip) VALUES ('admin@example.com', 'user.role-change', 'a@example.com', '10.0.0.1')",
  );
});
afterAll(async () => {
  await database?.drop();
});

describe("audit_log is append-only", () => {
  test("UPDATE, DELETE and TRUNCATE are refused; the row is unchanged", async () => {
    await expect(database.pool.query("UPDATE audit_log SET actor_email = 'someone-else@example.com'")).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(database.pool.query("DELETE FROM audit_log")).rejects.toThrow(/append-only: DELETE refused/);
    await expect(database.pool.query("TRUNCATE audit_log")).rejects.toThrow(/append-only: TRUNCATE refused/);
    // Through the application's own client as well.
    await expect(getDb().auditLog.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(getDb().auditLog.updateMany({ data: { ip: "1.2.3.4" } })).rejects.toThrow(/append-only/);
    const rows = await database.pool.query("SELECT actor_email, action, target, ip FROM audit_log");
    expect(rows.rows).toEqual([{ actor_email: "admin@example.com", action: "user.role-change", target: "a@example.com", ip: "10.0.0.1" }]);
  });

  test("new rows can still be added", async () => {
    await getDb().auditLog.create({ data: { actorEmail: "admin@example.com", action: "user.disable", target: "b@example.com" } });
    expect((await database.pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n).toBe(2);
  });
});
