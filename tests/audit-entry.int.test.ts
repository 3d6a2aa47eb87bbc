import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import { getDb, withTransaction } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/** The one audit writer, on each kind of handle it accepts: the row lives and dies with the transaction it is written in. */
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

const rowsOf = async (action: string) =>
  (await database.pool.query("SELECT actor_email, action, target, detail, ip FROM audit_log WHERE action = $1", [action])).rows;

describe("createAuditEntry", () => {
  test("from the pool (the default), with detail as jsonb and Dates as ISO strings", async () => {
    await createAuditEntry({
      actorEmail: "a@example.com",
      action: "test.pool",
      target: "t-1",
      detail: { at: new Date("2026-01-02T03:04:05Z"), n: 1, skipped: undefined },
      ip: "192.0.2.1",
    });
    expect(await rowsOf("test.pool")).toEqual([
      {
        actor_email: "a@example.com",
        action: "test.pool",
        target: "t-1",
        detail: { at: "2026-01-02T03:04:05.000Z", n: 1 },
        ip: "192.0.2.1",
      },
    ]);
    await createAuditEntry({ actorEmail: null, action: "test.bare", ip: null }, database.pool);
    expect(await rowsOf("test.bare")).toEqual([{ actor_email: null, action: "test.bare", target: null, detail: {}, ip: null }]);
  });

  test("on a pg client inside withTransaction: committed with the change, gone when it rolls back", async () => {
    await withTransaction(
      (client) => createAuditEntry({ actorEmail: "b@example.com", action: "test.pg-commit", ip: null }, client),
      database.pool,
    );
    await expect(
      withTransaction(async (client) => {
        await createAuditEntry({ actorEmail: "b@example.com", action: "test.pg-rollback", ip: null }, client);
        throw new Error("the change failed");
      }, database.pool),
    ).rejects.toThrow("the change failed");
    expect(await rowsOf("test.pg-commit")).toHaveLength(1);
    expect(await rowsOf("test.pg-rollback")).toHaveLength(0);
  });

  test("on a Prisma transaction: committed with the change, gone when it rolls back", async () => {
    await getDb().$transaction((tx) =>
      createAuditEntry({ actorEmail: "c@example.com", action: "test.prisma-commit", ip: null, detail: { k: "v" } }, tx),
    );
    await expect(
      getDb().$transaction(async (tx) => {
        await createAuditEntry({ actorEmail: "c@example.com", action: "test.prisma-rollback", ip: null }, tx);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await rowsOf("test.prisma-commit")).toEqual([
      { actor_email: "c@example.com", action: "test.prisma-commit", target: null, detail: { k: "v" }, ip: null },
    ]);
    expect(await rowsOf("test.prisma-rollback")).toHaveLength(0);
  });

  test("an entry without an action is refused", async () => {
    await expect(createAuditEntry({ actorEmail: "d@example.com", action: "", ip: null })).rejects.toThrow(/needs an action/);
  });
});
