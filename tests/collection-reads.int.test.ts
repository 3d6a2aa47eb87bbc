import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { findLatestRuns } from "@/lib/data/runs/find-latest-runs";
import { findSourceCursors } from "@/lib/data/runs/find-source-cursors";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The collection page's two long lists, paged in PostgreSQL: every account's latest run
 * (failing first, then by name) with the tiles' counts over all of them, and the source
 * cursors (errors first). Each page is checked against an order and counts this test works
 * out from its own fixture, and the pages together against the whole list.
 */

const ADMIN: SessionUser = { id: "1", email: "admin@example.com", role: "admin", scope: { all: true } };
const REGIONS = ["us-east-1", "eu-west-1"];
const SOURCES = ["cloudtrail", "guardduty", "securityhub"];

interface AccountFixture {
  id: string;
  name: string;
  /** Latest run's status (an older succeeded run comes first); null: never collected. */
  latest: string | null;
}

const accounts: AccountFixture[] = Array.from({ length: 30 }, (_, index) => {
  const latest = [3, 17].includes(index)
    ? "failed"
    : index === 9
      ? "partial"
      : [5, 6].includes(index)
        ? "running"
        : index >= 26
          ? null
          : "succeeded";
  return { id: String(200000000000 + index), name: `acct-${String(index).padStart(2, "0")}`, latest };
});

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const at = (hoursAgo: number) => new Date(Date.parse("2026-12-01T12:00:00Z") - hoursAgo * 3_600_000);
  for (const account of accounts) {
    await database.pool.query("INSERT INTO accounts (id, name, role_arn, regions, status) VALUES ($1, $2, $3, $4, 'active')", [
      account.id,
      account.name,
      `arn:aws:iam::${account.id}:role/r`,
      REGIONS,
    ]);
    if (account.latest) {
      await database.pool.query("INSERT INTO collection_runs (account_id, status, started_at) VALUES ($1, 'succeeded', $2)", [
        account.id,
        at(30),
      ]);
      const run = await database.pool.query<{ id: string }>(
        "INSERT INTO collection_runs (account_id, status, started_at) VALUES ($1, $2, $3) RETURNING id::text",
        [account.id, account.latest, at(1)],
      );
      for (const region of REGIONS)
        await database.pool.query(
          "INSERT INTO collection_steps (run_id, account_id, region, source, status, fetched) VALUES ($1, $2, $3, 'guardduty', 'succeeded', $4)",
          [run.rows[0]!.id, account.id, region, Number(account.id.slice(-2))],
        );
    }
    for (const region of REGIONS)
      for (const source of SOURCES) {
        // Every seventh cursor in error, every eleventh disabled: spread over the list, so the errors-first order has work to do.
        const n = Number(account.id.slice(-2)) * 6 + REGIONS.indexOf(region) * 3 + SOURCES.indexOf(source);
        const state = n % 7 === 3 ? "error" : n % 11 === 5 ? "disabled" : "ok";
        await database.pool.query("INSERT INTO source_cursors (account_id, region, source, state) VALUES ($1, $2, $3, $4)", [
          account.id,
          region,
          source,
          state,
        ]);
      }
  }
  // Known only from imported records: never listed.
  await database.pool.query("INSERT INTO accounts (id, name, regions, status) VALUES ('299999999999', 'records-only', '{}', 'data_only')");
});
afterAll(async () => {
  await database?.drop();
});

/** The fixture's accounts in the page's order: latest run failed or partial first, then by name. */
function expectedOrder(list: AccountFixture[]): string[] {
  const failing = (account: AccountFixture) => account.latest === "failed" || account.latest === "partial";
  return [...list.filter(failing), ...list.filter((account) => !failing(account))].map((account) => account.id);
}

describe("findLatestRuns pages the accounts' latest runs", () => {
  test("pages follow failing-first then name order, and the tiles count every listed account", async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => findLatestRuns(ADMIN, { page, size: 12 })));
    expect(pages.map((page) => [page.page, page.pages, page.from, page.to, page.total])).toEqual([
      [1, 3, 1, 12, 30],
      [2, 3, 13, 24, 30],
      [3, 3, 25, 30, 30],
    ]);
    expect(pages.flatMap((page) => page.rows.map((row) => row.accountId))).toEqual(expectedOrder(accounts));
    for (const page of pages) expect([page.failing, page.running, page.never]).toEqual([3, 2, 4]);
    const first = pages[0]!.rows;
    expect(first.slice(0, 3).map((row) => row.status)).toEqual(["failed", "partial", "failed"]);
    // Each row's steps are its latest run's, read for the page's runs only.
    for (const row of pages.flatMap((page) => page.rows)) {
      const fixture = accounts.find((account) => account.id === row.accountId)!;
      expect(row.status).toBe(fixture.latest);
      expect(row.steps.map((step) => [step.region, step.fetched])).toEqual(
        fixture.latest ? [...REGIONS].sort().map((region) => [region, Number(row.accountId.slice(-2))]) : [],
      );
    }
  });

  test("a page past the end shows the last one; one account or a scope narrows the list and its counts", async () => {
    const past = await findLatestRuns(ADMIN, { page: 99, size: 12 });
    expect([past.page, past.from, past.to]).toEqual([3, 25, 30]);
    expect(past.rows.map((row) => row.accountId)).toEqual(expectedOrder(accounts).slice(24));

    const one = await findLatestRuns(ADMIN, { accountId: accounts[3]!.id });
    expect([one.total, one.failing, one.running, one.never, one.rows.length]).toEqual([1, 1, 0, 0, 1]);

    const inScope = accounts.filter((_, index) => index % 2 === 1);
    const viewer: SessionUser = {
      id: "2",
      email: "viewer@example.com",
      role: "viewer",
      scope: { all: false, accountIds: inScope.map((account) => account.id), tags: [], ouIds: [] },
    };
    const scoped = await findLatestRuns(viewer, { size: 100 });
    expect(scoped.rows.map((row) => row.accountId)).toEqual(expectedOrder(inScope));
    // Of the odd-numbered accounts: 3 and 17 failed, 9 partial, 5 running, 27 and 29 never collected.
    expect([scoped.total, scoped.failing, scoped.running, scoped.never]).toEqual([15, 3, 1, 2]);
  });

  test("with no account in scope the page is empty and every count is zero", async () => {
    const nobody: SessionUser = {
      id: "3",
      email: "n@example.com",
      role: "viewer",
      scope: { all: false, accountIds: [], tags: [], ouIds: [] },
    };
    expect(await findLatestRuns(nobody, { page: 2 })).toEqual({
      rows: [],
      page: 1,
      pages: 1,
      from: 0,
      to: 0,
      total: 0,
      failing: 0,
      running: 0,
      never: 0,
    });
  });
});

describe("findSourceCursors pages the cursors", () => {
  test("the pages together are the whole list, errors then disabled first, none twice; past the end is the last page", async () => {
    const whole = await database.pool.query<{ key: string; state: string }>(
      `SELECT c.account_id || '/' || c.region || '/' || c.source AS key, c.state FROM source_cursors c JOIN accounts a ON a.id = c.account_id
       ORDER BY CASE c.state WHEN 'error' THEN 0 WHEN 'disabled' THEN 1 ELSE 2 END, a.name, c.account_id, c.region, c.source`,
    );
    expect(whole.rows).toHaveLength(180);
    const pages = await Promise.all([1, 2, 3, 4].map((page) => findSourceCursors(ADMIN, { state: "all" }, { page, size: 50 })));
    expect(pages.map((page) => [page.page, page.pages, page.from, page.to, page.total])).toEqual([
      [1, 4, 1, 50, 180],
      [2, 4, 51, 100, 180],
      [3, 4, 101, 150, 180],
      [4, 4, 151, 180, 180],
    ]);
    const keys = pages.flatMap((page) => page.rows.map((row) => `${row.accountId}/${row.region}/${row.source}`));
    expect(keys).toEqual(whole.rows.map((row) => row.key));
    expect(pages[0]!.rows[0]!.state).toBe("error");
    expect(pages[0]!.counts).toEqual(
      Object.fromEntries(["ok", "error", "disabled"].map((state) => [state, whole.rows.filter((row) => row.state === state).length])),
    );
    const past = await findSourceCursors(ADMIN, { state: "all" }, { page: 9, size: 50 });
    expect([past.page, past.from, past.to, past.rows.length]).toEqual([4, 151, 180, 30]);

    const problems = await findSourceCursors(ADMIN, { state: "problems" }, { counts: false });
    expect(problems.total).toBe(whole.rows.filter((row) => row.state !== "ok").length);
    expect(problems.rows.every((row) => row.state !== "ok")).toBe(true);
  });
});
