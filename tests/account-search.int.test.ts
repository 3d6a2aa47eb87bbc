import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { findAccountNames } from "@/lib/data/accounts/find-account-names";
import { findScopeRegions } from "@/lib/data/accounts/find-scope-regions";
import { ACCOUNT_SEARCH_LIMIT, searchAccounts } from "@/lib/data/accounts/search-accounts";
import { isAppError } from "@/lib/errors";
import { parseAccountSearch } from "@/lib/schemas/account-search";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The findings explorer's account picker: what /api/accounts/search does with `?q=` (parse,
 * then the scoped search) and the two small reads the page makes instead of every account
 * (the chosen accounts' names, the regions in scope), against a real database.
 */
let database: TestDatabase;
const ADMIN: SessionUser = { id: "1", email: "admin@example.com", role: "admin", scope: { all: true } };
const SCOPED: SessionUser = {
  id: "2",
  email: "scoped@example.com",
  role: "viewer",
  scope: { all: false, accountIds: ["111111111111", "333333333333"], tags: [], ouIds: [] },
};
const BY_TAG: SessionUser = {
  id: "3",
  email: "tagged@example.com",
  role: "viewer",
  scope: { all: false, accountIds: [], tags: [{ key: "team", value: "web" }], ouIds: [] },
};

beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query(
    `INSERT INTO accounts (id, name, owner, regions, status, tags) VALUES
       ('111111111111', 'prod-web', 'alice@example.com', '{us-east-1,eu-west-1}', 'active', '{"team":"web"}'),
       ('222222222222', 'prod-db', 'bob@example.com', '{ap-southeast-2}', 'active', '{}'),
       ('333333333333', 'staging', NULL, '{us-east-1}', 'active', '{}'),
       ('444444444444', 'under_score', 'carol@example.com', '{us-east-1}', 'data_only', '{}')`,
  );
  // 25 more accounts for the limit and the order: bulk-01 .. bulk-25, inserted out of order.
  const bulk = Array.from({ length: 25 }, (_, index) => 25 - index);
  for (const n of bulk)
    await database.pool.query(
      "INSERT INTO accounts (id, name, owner, regions, status) VALUES ($1, $2, 'ops@example.com', '{us-east-1}', 'active')",
      [String(900000000000 + n), `bulk-${String(n).padStart(2, "0")}`],
    );
});
afterAll(async () => {
  await database?.drop();
});

const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id);

describe("account search (the picker's suggestions)", () => {
  test("matches name, id or owner, case-insensitively, with the owner in the answer", async () => {
    expect(await searchAccounts(ADMIN, "PROD")).toEqual([
      { id: "222222222222", name: "prod-db", owner: "bob@example.com" },
      { id: "111111111111", name: "prod-web", owner: "alice@example.com" },
    ]);
    expect(ids(await searchAccounts(ADMIN, "3333"))).toEqual(["333333333333"]);
    expect(ids(await searchAccounts(ADMIN, "alice@"))).toEqual(["111111111111"]);
  });

  test("% and _ are literal characters, not wildcards", async () => {
    expect(ids(await searchAccounts(ADMIN, "r_s"))).toEqual(["444444444444"]);
    expect(await searchAccounts(ADMIN, "%")).toEqual([]);
    // "d_" as a wildcard would match prod-db, prod-web's "d-w", and more; literally, no name holds it.
    expect(await searchAccounts(ADMIN, "d_")).toEqual([]);
  });

  test("at most 20, those starting with the text first, then by name and id, the same every time", async () => {
    const blank = await searchAccounts(ADMIN, "");
    expect(blank).toHaveLength(ACCOUNT_SEARCH_LIMIT);
    // 29 accounts; blank text is a prefix of everything, so the order is by name: bulk-01..bulk-20.
    expect(blank.map((row) => row.name)).toEqual(Array.from({ length: 20 }, (_, index) => `bulk-${String(index + 1).padStart(2, "0")}`));
    // "s" is in the owner of every bulk-* account (ops@example.com) and starts only staging: staging comes first, though by
    // name alone it sorts after all 25 of them; then bulk-01..bulk-19 fill the 20.
    const s = await searchAccounts(ADMIN, "s");
    expect(s.map((row) => row.name)).toEqual([
      "staging",
      ...Array.from({ length: 19 }, (_, index) => `bulk-${String(index + 1).padStart(2, "0")}`),
    ]);
    // "st" starts staging, and is inside no other name; ops@example.com has no "st" either.
    expect(ids(await searchAccounts(ADMIN, "st"))).toEqual(["333333333333"]);
    // "pro" starts prod-db and prod-web; no other name, id or owner contains it.
    expect(ids(await searchAccounts(ADMIN, "pro"))).toEqual(["222222222222", "111111111111"]);
    expect(await searchAccounts(ADMIN, "s")).toEqual(s);
  });

  test("a scoped user never gets another account, however it is typed", async () => {
    expect(ids(await searchAccounts(SCOPED, ""))).toEqual(["111111111111", "333333333333"]);
    expect(ids(await searchAccounts(SCOPED, "prod"))).toEqual(["111111111111"]);
    expect(await searchAccounts(SCOPED, "222222222222")).toEqual([]);
    expect(await searchAccounts(SCOPED, "bob@example.com")).toEqual([]);
    expect(await searchAccounts(SCOPED, "bulk")).toEqual([]);
    // Scoped by tag: the same helper resolves it.
    expect(ids(await searchAccounts(BY_TAG, ""))).toEqual(["111111111111"]);
  });

  test("a bad q is a 400 with a message; blank or absent is every account", () => {
    const invalid = (q: string) => {
      try {
        parseAccountSearch(new URLSearchParams({ q }));
        return null;
      } catch (error) {
        return isAppError(error) ? { status: error.status, message: error.message } : { status: 500, message: String(error) };
      }
    };
    expect(invalid("a".repeat(101))).toEqual({ status: 400, message: "q: must be at most 100 characters" });
    expect(invalid("prod\u0000")).toEqual({ status: 400, message: "q: must not contain control characters" });
    expect(parseAccountSearch(new URLSearchParams())).toEqual({ q: "" });
    expect(parseAccountSearch(new URLSearchParams({ q: "  prod  " }))).toEqual({ q: "prod" });
    expect(parseAccountSearch(new URLSearchParams({ q: "a".repeat(100) }))).toEqual({ q: "a".repeat(100) });
  });
});

describe("what the findings page reads instead of every account", () => {
  test("the chosen accounts' names: only those asked for, only in scope, by name", async () => {
    expect(await findAccountNames(ADMIN, ["333333333333", "111111111111", "999999999999"])).toEqual([
      { id: "111111111111", name: "prod-web" },
      { id: "333333333333", name: "staging" },
    ]);
    expect(await findAccountNames(SCOPED, ["222222222222", "333333333333"])).toEqual([{ id: "333333333333", name: "staging" }]);
    expect(await findAccountNames(ADMIN, [])).toEqual([]);
  });

  test("the regions in scope: each once, sorted", async () => {
    expect(await findScopeRegions(ADMIN)).toEqual(["ap-southeast-2", "eu-west-1", "us-east-1"]);
    expect(await findScopeRegions(SCOPED)).toEqual(["eu-west-1", "us-east-1"]);
    expect(await findScopeRegions({ ...SCOPED, scope: { all: false, accountIds: [], tags: [], ouIds: [] } })).toEqual([]);
  });
});
