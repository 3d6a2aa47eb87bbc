import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { findTopFailingItems } from "@/lib/data/overview/find-top-failing-items";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The overview's "failing in the most accounts": counted per (item, status) in SQL and
 * ranked in code. Expected values worked out by hand from the rows below; data_only
 * accounts and accounts outside a scoped user's scope never count.
 */

const A = "710000000001";
const B = "710000000002";
const IMPORTED = "710000000003";
const ADMIN: SessionUser = { id: "1", email: "admin@example.com", role: "admin", scope: { all: true } };
const ONLY_B: SessionUser = {
  id: "2",
  email: "b@example.com",
  role: "viewer",
  scope: { all: false, accountIds: [B], tags: [], ouIds: [] },
};
let database: TestDatabase;

const RESULTS: Array<[account: string, item: string, status: string]> = [
  [A, "IAM-05", "fail"],
  [B, "IAM-05", "fail"],
  [IMPORTED, "IAM-05", "fail"],
  [A, "LOG-01", "partial"],
  [B, "LOG-01", "pass"],
  [A, "NET-01", "pass"],
  [B, "NET-01", "no_data"],
  [A, "X-01", "fail"],
  [B, "X-01", "no_data"],
  [A, "X-02", "fail"],
  [B, "X-02", "partial"],
  [B, "X-03", "fail"],
  [A, "X-03", "not_applicable"],
  [IMPORTED, "X-04", "fail"],
];

beforeAll(async () => {
  database = await createTestDatabase();
  for (const [id, status] of [
    [A, "active"],
    [B, "active"],
    [IMPORTED, "data_only"],
  ])
    await database.pool.query("INSERT INTO accounts (id, name, regions, status) VALUES ($1, $2, '{us-east-1}', $3)", [
      id,
      `account ${id}`,
      status,
    ]);
  for (const [account, item, status] of RESULTS)
    await database.pool.query(
      `INSERT INTO checklist_results (account_id, item_id, domain, status, reason, checklist_version, evaluated_at)
       VALUES ($1, $2, 'identity_access', $3, 'test', 'test', now())`,
      [account, item, status],
    );
});

afterAll(async () => {
  await database?.drop();
});

const figures = (items: Awaited<ReturnType<typeof findTopFailingItems>>) =>
  items.map((item) => [item.itemId, item.failing, item.partial, item.withData]);

describe("top failing items", () => {
  test("rank by failing, then partial, then id, over registered accounts only", async () => {
    // IAM-05: A, B fail (the imported-only account's failure does not count); X-02: A fails, B partial;
    // A fails, B has no data; X-03: B fails, A not applicable; LOG-01: A partial, B passes.
    // NET-01 fails nowhere, X-04 only in the imported-only account: neither is listed.
    expect(figures(await findTopFailingItems(ADMIN))).toEqual([
      ["IAM-05", 2, 0, 2],
      ["X-02", 1, 1, 2],
      ["X-01", 1, 0, 1],
      ["X-03", 1, 0, 1],
      ["LOG-01", 0, 1, 2],
    ]);
    expect(figures(await findTopFailingItems(ADMIN, 2))).toEqual([
      ["IAM-05", 2, 0, 2],
      ["X-02", 1, 1, 2],
    ]);
  });

  test("a scoped user counts only their accounts", async () => {
    expect(figures(await findTopFailingItems(ONLY_B))).toEqual([
      ["IAM-05", 1, 0, 1],
      ["X-03", 1, 0, 1],
      ["X-02", 0, 1, 1],
    ]);
  });

  test("the item's title, domain and severity come from the checklist", async () => {
    const [first] = await findTopFailingItems(ADMIN, 1);
    expect(first?.title).not.toBe("IAM-05");
    expect(first?.severity).not.toBe("unknown");
  });
});
