import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { NO_ACCOUNTS, type AccountScope } from "@/lib/auth/account-scope";
import { loadOverviewAccounts, type OverviewAccountsQuery } from "@/lib/data/overview/load-overview-accounts";
import type { HeatmapSort, HeatmapSortKey, OverviewTableSort, OverviewTableSortKey } from "@/lib/data/overview/overview-sorts";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The overview's reads sort, cut and count in PostgreSQL what the page did in JavaScript
 * over every account (sortOverviewAccounts, the tiles' sums, the lowest scores and the
 * movers). Four groups of accounts, each reached by its own kind of scope, so every order
 * below is also a scoped user's and none of another group's accounts may appear:
 * - U (tag set=u): the cases of the unit tests these reads replace;
 * - N (an OU): names that differ in case, accents and punctuation, equal names, a null score;
 * - M (account ids): last week's scores, for the movers' rounding and the lowest scores' ties;
 * - H (tag set=h): collection health, freshness, imported-only accounts, every table column.
 * Every expected order and figure is worked out by hand from the rows below.
 */

const NOW = new Date("2026-12-01T12:00:00.000Z");
const HOUR = 3_600_000;
const TODAY = "2026-11-30";
const WEEK_AGO = "2026-11-23";
const OU = "ou-test-nnnnnnnn";

type Cell = { score: number | null; coverage: number | null };
interface Fixture {
  id: string;
  name: string;
  status?: string;
  lastCollected?: Date | null;
  tags?: Record<string, string>;
  ouPath?: string;
  /** Latest snapshot; none = never scored. */
  snapshot?: {
    score: number | null;
    coverage?: number;
    weekAgo?: number | null;
    critical?: number;
    high?: number;
    medium?: number;
    low?: number;
    domains?: Record<string, Cell>;
  };
  /** Collection runs, oldest first: status and number of failed steps. */
  runs?: Array<[status: string, failedSteps: number]>;
}

const U = { tags: { set: "u" } };
const H = { tags: { set: "h" } };
const N = { ouPath: `r-test/${OU}` };
const collected = new Date("2026-12-01T10:00:00.000Z");

const FIXTURES: Fixture[] = [
  // U: the unit tests' four accounts.
  {
    id: "730000000001",
    name: "bravo",
    ...U,
    lastCollected: collected,
    snapshot: { score: 70, critical: 2, domains: { logging_monitoring: { score: 40, coverage: 100 } } },
  },
  { id: "730000000002", name: "alpha", ...U, lastCollected: collected, snapshot: { score: 70, critical: 5 } },
  {
    id: "730000000003",
    name: "charlie",
    ...U,
    lastCollected: collected,
    snapshot: { score: 20, critical: 0, domains: { logging_monitoring: { score: 90, coverage: 100 } } },
  },
  {
    id: "730000000004",
    name: "delta",
    ...U,
    status: "unreachable",
    lastCollected: null,
    snapshot: { score: null, coverage: 0, critical: 1 },
  },
  // N: names.
  { id: "730000000011", name: "Zeta", ...N, snapshot: { score: 50 } },
  { id: "730000000012", name: "alpha", ...N, snapshot: { score: 50 } },
  { id: "730000000013", name: "Alpha", ...N, snapshot: { score: 50 } },
  { id: "730000000014", name: "alpha", ...N, snapshot: { score: 50 } },
  { id: "730000000015", name: "beta", ...N, snapshot: { score: null, coverage: 0 } },
  { id: "730000000016", name: "Émile", ...N, snapshot: { score: 60 } },
  { id: "730000000017", name: "emile", ...N, snapshot: { score: 60 } },
  { id: "730000000018", name: "alpha-2", ...N, snapshot: { score: 40 } },
  // M: last week's scores (each `real`, as stored).
  { id: "730000000021", name: "m-one", snapshot: { score: 70.3, weekAgo: 60.1 } }, // +10.2
  { id: "730000000022", name: "m-two", snapshot: { score: 55, weekAgo: 65.2 } }, // -10.2
  { id: "730000000023", name: "m-three", snapshot: { score: 80, weekAgo: 80.04 } }, // -0.04: rounds to 0, no mover
  // +0.05 from the decimals the page received is 0.5000000000000426 tenths in doubles: 0.1 (from the `real`s' exact
  // binary values it would be 0.4999923706054688: 0).
  { id: "730000000024", name: "m-four", snapshot: { score: 39.95, weekAgo: 39.9 } },
  // +0.05 again, but 0.4999999999999716 tenths in doubles: 0, no mover (in exact decimals it would be 0.1).
  { id: "730000000025", name: "m-five", snapshot: { score: 40.05, weekAgo: 40 } },
  { id: "730000000026", name: "m-six", snapshot: { score: 10.25, weekAgo: 10 } }, // 2.5 tenths exactly: half up, 0.3
  { id: "730000000027", name: "m-seven", snapshot: { score: 55 } }, // no snapshot a week old
  { id: "730000000028", name: "m-eight", snapshot: { score: 30, weekAgo: 20 } }, // +10
  // H: collection health and freshness at NOW, every column of the accounts table.
  {
    id: "730000000031",
    name: "h-fresh",
    ...H,
    status: "active",
    lastCollected: new Date(NOW.getTime() - HOUR),
    snapshot: { score: 50, coverage: 80, critical: 1, high: 2, medium: 3, low: 4 },
    runs: [
      ["failed", 3],
      ["succeeded", 0],
    ],
  },
  {
    id: "730000000032",
    name: "h-stale",
    ...H,
    status: "active",
    lastCollected: new Date(NOW.getTime() - 25 * HOUR),
    snapshot: { score: 60, coverage: 50, critical: 10, low: 1 },
    runs: [["partial", 1]],
  },
  {
    id: "730000000033",
    name: "h-edge",
    ...H,
    status: "active",
    lastCollected: new Date(NOW.getTime() - 24 * HOUR), // exactly 24 h: not stale yet
    snapshot: { score: 70, coverage: 80 },
    runs: [["failed", 2]],
  },
  { id: "730000000034", name: "h-never", ...H, status: "pending", lastCollected: null },
  {
    id: "730000000035",
    name: "h-unreachable",
    ...H,
    status: "unreachable",
    lastCollected: new Date(NOW.getTime() - 2 * HOUR),
    snapshot: { score: 40, coverage: 20, critical: 2 },
    runs: [["failed", 0]],
  },
  { id: "730000000036", name: "h-disabled", ...H, status: "disabled", lastCollected: null },
  {
    id: "730000000037",
    name: "h-imported",
    ...H,
    status: "data_only",
    lastCollected: null,
    snapshot: { score: 30, coverage: 100, critical: 5, high: 1 },
  },
  { id: "730000000038", name: "h-imported-unscored", ...H, status: "data_only", lastCollected: null },
  {
    id: "730000000039",
    name: "h-running",
    ...H,
    status: "active",
    lastCollected: new Date(NOW.getTime() - HOUR),
    snapshot: { score: 80, coverage: 10, medium: 1 },
    runs: [
      ["partial", 1],
      ["running", 0],
    ],
  },
];

const idOf = (name: string, prefix: string) => FIXTURES.find((fixture) => fixture.name === name && fixture.id.startsWith(prefix))!.id;
const M_IDS = FIXTURES.filter((fixture) => fixture.id.startsWith("7300000000" + "2")).map((fixture) => fixture.id);

function user(scope: AccountScope): SessionUser {
  return { id: "1", email: "someone@example.com", role: scope.all ? "admin" : "viewer", scope };
}
const ADMIN = user({ all: true });
const GROUP_U = user({ all: false, accountIds: [], tags: [{ key: "set", value: "u" }], ouIds: [] });
const GROUP_N = user({ all: false, accountIds: [], tags: [], ouIds: [OU] });
const GROUP_M = user({ all: false, accountIds: M_IDS, tags: [], ouIds: [] });
const GROUP_H = user({ all: false, accountIds: [], tags: [{ key: "set", value: "h" }], ouIds: [] });
const NOBODY = user(NO_ACCOUNTS);
const MATCHING_NOTHING = user({ all: false, accountIds: [], tags: [{ key: "set", value: "none" }], ouIds: ["ou-none-00000000"] });

let database: TestDatabase;

async function insertSnapshot(id: string, day: string, score: number | null, snapshot: NonNullable<Fixture["snapshot"]>) {
  await database.pool.query(
    `INSERT INTO score_snapshots (account_id, day, taken_at, score, coverage, domains, items, checklist_version,
                                  active_critical, active_high, active_medium, active_low)
     VALUES ($1, $2, $2::date + time '06:00', $3, $4, $5, '[]', 'test', $6, $7, $8, $9)`,
    [
      id,
      day,
      score,
      snapshot.coverage ?? 100,
      JSON.stringify(snapshot.domains ?? {}),
      snapshot.critical ?? 0,
      snapshot.high ?? 0,
      snapshot.medium ?? 0,
      snapshot.low ?? 0,
    ],
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  for (const fixture of FIXTURES) {
    await database.pool.query(
      "INSERT INTO accounts (id, name, regions, status, last_collected_at, tags, ou_path) VALUES ($1, $2, '{us-east-1}', $3, $4, $5, $6)",
      [
        fixture.id,
        fixture.name,
        fixture.status ?? "active",
        fixture.lastCollected ?? null,
        JSON.stringify(fixture.tags ?? {}),
        fixture.ouPath ?? null,
      ],
    );
    if (fixture.snapshot) {
      if (fixture.snapshot.weekAgo !== undefined) await insertSnapshot(fixture.id, WEEK_AGO, fixture.snapshot.weekAgo, fixture.snapshot);
      await insertSnapshot(fixture.id, TODAY, fixture.snapshot.score, fixture.snapshot);
    }
    let started = NOW.getTime() - 48 * HOUR;
    for (const [status, failed] of fixture.runs ?? []) {
      started += HOUR;
      const run = await database.pool.query<{ id: string }>(
        "INSERT INTO collection_runs (account_id, status, started_at) VALUES ($1, $2, $3) RETURNING id",
        [fixture.id, status, new Date(started)],
      );
      // Failed steps and one that succeeded, which must not count.
      for (let step = 0; step <= failed; step++)
        await database.pool.query(
          "INSERT INTO collection_steps (run_id, account_id, region, source, status) VALUES ($1, $2, $3, 'guardduty', $4)",
          [run.rows[0]!.id, fixture.id, `region-${step}`, step < failed ? "failed" : "succeeded"],
        );
    }
  }
});

afterAll(async () => {
  await database?.drop();
});

/**
 * loadOverviewAccounts reads the five parts in one statement; each helper asks it for one
 * part (the others at the page's defaults) and returns that part, so each case below reads
 * as the part it checks. "one statement" below checks that the parts do not disturb each other.
 */
const DEFAULTS: OverviewAccountsQuery = {
  now: NOW,
  staleAfterHours: 24,
  lowest: 5,
  movers: 5,
  heat: { sort: { key: "score", dir: "asc" }, page: 1, size: 25 },
  table: { sort: { key: "score", dir: "asc" }, page: 1, size: 25 },
};
const load = (who: SessionUser, query: Partial<OverviewAccountsQuery>) => loadOverviewAccounts(who, { ...DEFAULTS, ...query });
const getOverviewSummary = async (who: SessionUser, options: { now: Date; staleAfterHours: number }) => (await load(who, options)).summary;
const findLowestScores = async (who: SessionUser, limit = 5) => (await load(who, { lowest: limit })).lowest;
const findBiggestMovers = async (who: SessionUser, limit = 5) => (await load(who, { movers: limit })).movers;
const findHeatmapPage = async (who: SessionUser, sort: HeatmapSort, paging: { page: number; size: number }) =>
  (await load(who, { heat: { sort, ...paging } })).heat;
const findOverviewAccountsPage = async (who: SessionUser, sort: OverviewTableSort, paging: { page: number; size: number }) =>
  (await load(who, { table: { sort, ...paging } })).table;

const names = (page: { rows: Array<{ name: string }> }) => page.rows.map((row) => row.name);
const ids = (page: { rows: Array<{ id: string }> }) => page.rows.map((row) => row.id);
const everything = { page: 1, size: 100 };

describe("the heat map's order (sorted as a whole in SQL, then cut)", () => {
  const heat = (who: SessionUser, key: HeatmapSortKey, dir: "asc" | "desc") => findHeatmapPage(who, { key, dir }, everything);

  test("the unit tests' cases: accounts without a figure last in both directions, ties by name", async () => {
    const [bravo, alpha, charlie, delta] = ["730000000001", "730000000002", "730000000003", "730000000004"];
    expect(ids(await heat(GROUP_U, "score", "asc"))).toEqual([charlie, alpha, bravo, delta]);
    expect(ids(await heat(GROUP_U, "score", "desc"))).toEqual([alpha, bravo, charlie, delta]);
    // A domain's score: bravo 40, charlie 90, alpha and delta have none (last, by name, either way).
    expect(ids(await heat(GROUP_U, "logging_monitoring", "desc"))).toEqual([charlie, bravo, alpha, delta]);
    expect(ids(await heat(GROUP_U, "logging_monitoring", "asc"))).toEqual([bravo, charlie, alpha, delta]);
    expect(ids(await heat(GROUP_U, "name", "asc"))).toEqual([alpha, bravo, charlie, delta]);
    expect(ids(await heat(GROUP_U, "name", "desc"))).toEqual([delta, charlie, bravo, alpha]);
  });

  test("names: lower case compared code point by code point (é after z), ties as localeCompare orders them, then the id", async () => {
    // Lower case: alpha x3 < alpha-2 < beta < emile < zeta < émile. The three "alpha"s tie: localeCompare puts
    // "alpha" before "Alpha", and the two "alpha" (12, 14) are equal, so the id decides.
    expect(ids(await heat(GROUP_N, "name", "asc"))).toEqual([
      "730000000012",
      "730000000014",
      "730000000013",
      "730000000018",
      "730000000015",
      "730000000017",
      "730000000011",
      "730000000016",
    ]);
    // Descending reverses the names, never the ties (still name, then id, ascending).
    expect(ids(await heat(GROUP_N, "name", "desc"))).toEqual([
      "730000000016",
      "730000000011",
      "730000000017",
      "730000000015",
      "730000000018",
      "730000000012",
      "730000000014",
      "730000000013",
    ]);
  });

  test("scores with ties across case and accents: localeCompare's order, beta (no score) last either way", async () => {
    // 40 alpha-2; 50 alpha(12), alpha(14), Alpha, Zeta (case is a tie-breaker only); 60 emile before Émile; beta none.
    expect(names(await heat(GROUP_N, "score", "asc"))).toEqual(["alpha-2", "alpha", "alpha", "Alpha", "Zeta", "emile", "Émile", "beta"]);
    expect(names(await heat(GROUP_N, "score", "desc"))).toEqual(["emile", "Émile", "alpha", "alpha", "Alpha", "Zeta", "alpha-2", "beta"]);
  });

  test("each row carries the snapshot's score and domain cells", async () => {
    const page = await findHeatmapPage(GROUP_U, { key: "name", dir: "asc" }, { page: 1, size: 2 });
    expect(page.rows).toEqual([
      { id: "730000000002", name: "alpha", score: 70, domains: {} },
      { id: "730000000001", name: "bravo", score: 70, domains: { logging_monitoring: { score: 40, coverage: 100 } } },
    ]);
  });

  test("a refused key is an error, not another order", async () => {
    await expect(findHeatmapPage(ADMIN, { key: "nope" as HeatmapSortKey, dir: "asc" }, everything)).rejects.toThrow(/not a sort key/);
    await expect(findHeatmapPage(ADMIN, { key: "name", dir: "up" as "asc" }, everything)).rejects.toThrow(/not a direction/);
  });
});

describe("the accounts table's order, every column both ways", () => {
  const table = async (who: SessionUser, key: OverviewTableSortKey, dir: "asc" | "desc") =>
    names(await findOverviewAccountsPage(who, { key, dir }, everything));

  test("the unit tests' cases", async () => {
    expect(await table(GROUP_U, "score", "asc")).toEqual(["charlie", "alpha", "bravo", "delta"]);
    expect(await table(GROUP_U, "collected", "desc")).toEqual(["alpha", "bravo", "charlie", "delta"]);
    expect(await table(GROUP_U, "critical", "desc")).toEqual(["alpha", "bravo", "delta", "charlie"]);
    expect(await table(GROUP_U, "name", "asc")).toEqual(["alpha", "bravo", "charlie", "delta"]);
    // Collection: unreachable first ascending (worst first), then the collected ones by name.
    expect(await table(GROUP_U, "collection", "asc")).toEqual(["delta", "alpha", "bravo", "charlie"]);
  });

  // Group H: h-imported-unscored is imported-only and never scored, so it is not listed (8 of 9).
  const H_ORDERS: Record<OverviewTableSortKey, [asc: string[], desc: string[]]> = {
    name: [
      ["h-disabled", "h-edge", "h-fresh", "h-imported", "h-never", "h-running", "h-stale", "h-unreachable"],
      ["h-unreachable", "h-stale", "h-running", "h-never", "h-imported", "h-fresh", "h-edge", "h-disabled"],
    ],
    // 30 imported, 40 unreachable, 50 fresh, 60 stale, 70 edge, 80 running; never and disabled have none.
    score: [
      ["h-imported", "h-unreachable", "h-fresh", "h-stale", "h-edge", "h-running", "h-disabled", "h-never"],
      ["h-running", "h-edge", "h-stale", "h-fresh", "h-unreachable", "h-imported", "h-disabled", "h-never"],
    ],
    // 10 running, 20 unreachable, 50 stale, 80 edge and fresh (a tie), 100 imported; never and disabled none.
    coverage: [
      ["h-running", "h-unreachable", "h-stale", "h-edge", "h-fresh", "h-imported", "h-disabled", "h-never"],
      ["h-imported", "h-edge", "h-fresh", "h-stale", "h-unreachable", "h-running", "h-disabled", "h-never"],
    ],
    // 10 stale, 5 imported, 2 unreachable, 1 fresh, the rest 0 (an unscored account counts 0, as before).
    critical: [
      ["h-disabled", "h-edge", "h-never", "h-running", "h-fresh", "h-unreachable", "h-imported", "h-stale"],
      ["h-stale", "h-imported", "h-unreachable", "h-fresh", "h-disabled", "h-edge", "h-never", "h-running"],
    ],
    // 2 fresh, 1 imported.
    high: [
      ["h-disabled", "h-edge", "h-never", "h-running", "h-stale", "h-unreachable", "h-imported", "h-fresh"],
      ["h-fresh", "h-imported", "h-disabled", "h-edge", "h-never", "h-running", "h-stale", "h-unreachable"],
    ],
    // 3 fresh, 1 running.
    medium: [
      ["h-disabled", "h-edge", "h-imported", "h-never", "h-stale", "h-unreachable", "h-running", "h-fresh"],
      ["h-fresh", "h-running", "h-disabled", "h-edge", "h-imported", "h-never", "h-stale", "h-unreachable"],
    ],
    // 4 fresh, 1 stale.
    low: [
      ["h-disabled", "h-edge", "h-imported", "h-never", "h-running", "h-unreachable", "h-stale", "h-fresh"],
      ["h-fresh", "h-stale", "h-disabled", "h-edge", "h-imported", "h-never", "h-running", "h-unreachable"],
    ],
    // NOW-25h stale, -24h edge, -2h unreachable, -1h fresh and running (a tie); never collected: last, by name.
    collected: [
      ["h-stale", "h-edge", "h-unreachable", "h-fresh", "h-running", "h-disabled", "h-imported", "h-never"],
      ["h-fresh", "h-running", "h-unreachable", "h-edge", "h-stale", "h-disabled", "h-imported", "h-never"],
    ],
    // 0 unreachable; 1 failed steps in the latest run (edge 2, stale 1; fresh's failures were in an older run,
    // running's latest run has none yet); 2 never collected (disabled, imported, never); 3 ok (fresh, running).
    collection: [
      ["h-unreachable", "h-edge", "h-stale", "h-disabled", "h-imported", "h-never", "h-fresh", "h-running"],
      ["h-fresh", "h-running", "h-disabled", "h-imported", "h-never", "h-edge", "h-stale", "h-unreachable"],
    ],
  };

  test.each(Object.entries(H_ORDERS))("%s, ascending and descending", async (key, [asc, desc]) => {
    expect(await table(GROUP_H, key as OverviewTableSortKey, "asc")).toEqual(asc);
    expect(await table(GROUP_H, key as OverviewTableSortKey, "desc")).toEqual(desc);
  });

  test("each row carries what the table shows; the latest run's failed steps are the same counted before or after the cut", async () => {
    const byName = await findOverviewAccountsPage(GROUP_H, { key: "name", dir: "asc" }, everything);
    const byCollection = await findOverviewAccountsPage(GROUP_H, { key: "collection", dir: "asc" }, everything);
    const failed = (page: typeof byName) => Object.fromEntries(page.rows.map((row) => [row.name, row.failedSteps]));
    const expected = {
      "h-disabled": 0,
      "h-edge": 2,
      "h-fresh": 0,
      "h-imported": 0,
      "h-never": 0,
      "h-running": 0,
      "h-stale": 1,
      "h-unreachable": 0,
    };
    expect(failed(byName)).toEqual(expected);
    expect(failed(byCollection)).toEqual(expected);
    expect(byName.rows.find((row) => row.name === "h-fresh")).toEqual({
      id: "730000000031",
      name: "h-fresh",
      status: "active",
      statusError: null,
      lastCollectedAt: new Date(NOW.getTime() - HOUR),
      score: 50,
      coverage: 80,
      critical: 1,
      high: 2,
      medium: 3,
      low: 4,
      failedSteps: 0,
      evidenceAsOf: null,
      importedAsOf: null,
      staleSources: 0,
    });
    // Never scored: no figures, no counts.
    expect(byName.rows.find((row) => row.name === "h-never")).toMatchObject({ score: null, coverage: null, critical: 0, low: 0 });
  });
});

describe("paging", () => {
  test("pages of 3 through the 8 accounts of group H; past the last page is the last page", async () => {
    const sort = { key: "name", dir: "asc" } as const;
    const first = await findOverviewAccountsPage(GROUP_H, sort, { page: 1, size: 3 });
    expect({ ...first, rows: names(first) }).toEqual({
      rows: ["h-disabled", "h-edge", "h-fresh"],
      page: 1,
      pages: 3,
      from: 1,
      to: 3,
      total: 8,
    });
    const second = await findOverviewAccountsPage(GROUP_H, sort, { page: 2, size: 3 });
    expect({ ...second, rows: names(second) }).toEqual({
      rows: ["h-imported", "h-never", "h-running"],
      page: 2,
      pages: 3,
      from: 4,
      to: 6,
      total: 8,
    });
    const last = { rows: ["h-stale", "h-unreachable"], page: 3, pages: 3, from: 7, to: 8, total: 8 };
    const third = await findOverviewAccountsPage(GROUP_H, sort, { page: 3, size: 3 });
    expect({ ...third, rows: names(third) }).toEqual(last);
    const past = await findOverviewAccountsPage(GROUP_H, sort, { page: 99, size: 3 });
    expect({ ...past, rows: names(past) }).toEqual(last);
    const heatPast = await findHeatmapPage(GROUP_H, sort, { page: 4, size: 3 });
    expect({ ...heatPast, rows: names(heatPast) }).toEqual(last);
    // One page holds them all; a size of exactly the total is one page.
    const whole = await findHeatmapPage(GROUP_H, sort, { page: 2, size: 8 });
    expect({ ...whole, rows: whole.rows.length }).toEqual({ rows: 8, page: 1, pages: 1, from: 1, to: 8, total: 8 });
  });

  test("the pages of a sort are one order: page 2 continues page 1 (ties across the cut included)", async () => {
    const sort = { key: "critical", dir: "desc" } as const;
    const pages = await Promise.all([1, 2, 3].map((page) => findOverviewAccountsPage(GROUP_H, sort, { page, size: 3 })));
    expect(pages.flatMap(names)).toEqual(H_ORDER_CRITICAL_DESC);
  });

  test("an empty scope: no rows, page 1 of 1, 0-0 of 0", async () => {
    for (const who of [NOBODY, MATCHING_NOTHING]) {
      expect(await findHeatmapPage(who, { key: "score", dir: "asc" }, { page: 3, size: 25 })).toEqual({
        rows: [],
        page: 1,
        pages: 1,
        from: 0,
        to: 0,
        total: 0,
      });
      expect(await findOverviewAccountsPage(who, { key: "collection", dir: "asc" }, { page: 1, size: 25 })).toEqual({
        rows: [],
        page: 1,
        pages: 1,
        from: 0,
        to: 0,
        total: 0,
      });
    }
  });
});

describe("one statement", () => {
  test("each part of one call is what it is asked for alone: other sorts, pages and limits beside it change nothing", async () => {
    const heat = { sort: { key: "name", dir: "desc" }, page: 2, size: 3 } as const;
    const table = { sort: { key: "collection", dir: "asc" }, page: 3, size: 3 } as const;
    for (const who of [ADMIN, GROUP_H, GROUP_M]) {
      const options = { now: new Date(NOW.getTime() + HOUR), staleAfterHours: 24 };
      const all = await loadOverviewAccounts(who, { ...options, lowest: 2, movers: 3, heat, table });
      expect(all.summary).toEqual(await getOverviewSummary(who, options));
      expect(all.lowest).toEqual(await findLowestScores(who, 2));
      expect(all.movers).toEqual(await findBiggestMovers(who, 3));
      expect(all.heat).toEqual(await findHeatmapPage(who, heat.sort, heat));
      expect(all.table).toEqual(await findOverviewAccountsPage(who, table.sort, table));
    }
    // By hand for group H: names descending, rows 4-6; collection ascending, rows 7-8 (see H_ORDERS).
    const h = await loadOverviewAccounts(GROUP_H, { ...DEFAULTS, heat, table });
    expect(names(h.heat)).toEqual(["h-never", "h-imported", "h-fresh"]);
    expect(names(h.table)).toEqual(["h-fresh", "h-running"]);
    expect(h.summary.accounts).toBe(8);
  });

  test("a bad page or size is an error, not a page", async () => {
    await expect(findHeatmapPage(ADMIN, { key: "name", dir: "asc" }, { page: 0, size: 25 })).rejects.toThrow(/bad page/);
    await expect(findOverviewAccountsPage(ADMIN, { key: "name", dir: "asc" }, { page: 1, size: 2.5 })).rejects.toThrow(/bad page/);
  });
});

const H_ORDER_CRITICAL_DESC = ["h-stale", "h-imported", "h-unreachable", "h-fresh", "h-disabled", "h-edge", "h-never", "h-running"];

describe("lowest scores and biggest movers", () => {
  test("the lowest five: scored accounts only, ties by name", async () => {
    // charlie 20, alpha and bravo 70 (by name); delta has no score.
    expect((await findLowestScores(GROUP_U)).map((row) => row.name)).toEqual(["charlie", "alpha", "bravo"]);
    // 10.25, 30, 39.95, 40.05, then m-seven and m-two at 55 (by name): m-seven is fifth.
    expect((await findLowestScores(GROUP_M)).map((row) => row.name)).toEqual(["m-six", "m-eight", "m-four", "m-five", "m-seven"]);
    expect((await findLowestScores(GROUP_M, 2)).map((row) => row.name)).toEqual(["m-six", "m-eight"]);
    // Group H: the imported-only account is listed, as before.
    expect((await findLowestScores(GROUP_H)).map((row) => row.name)).toEqual([
      "h-imported",
      "h-unreachable",
      "h-fresh",
      "h-stale",
      "h-edge",
    ]);
  });

  test("each lowest score carries its coverage, last week's score and the change", async () => {
    expect((await findLowestScores(GROUP_M, 1))[0]).toEqual({
      id: idOf("m-six", "7300000000"),
      name: "m-six",
      score: 10.25,
      coverage: 100,
      weekAgoScore: 10,
      delta: 0.3,
    });
    expect((await findLowestScores(GROUP_U, 1))[0]).toMatchObject({ name: "charlie", weekAgoScore: null, delta: null });
  });

  test("movers: the largest rounded change either way, ties by name; a change that rounds to 0 or has no week-old score is none", async () => {
    const movers = await findBiggestMovers(GROUP_M);
    expect(movers.map((row) => [row.name, row.weekAgoScore, row.score, row.delta])).toEqual([
      ["m-one", 60.1, 70.3, 10.2],
      ["m-two", 65.2, 55, -10.2],
      ["m-eight", 20, 30, 10],
      // 10.25 - 10 = 2.5 tenths exactly: rounded half up as Math.round does (half to even would give 0.2).
      ["m-six", 10, 10.25, 0.3],
      // 39.95 - 39.9 is 0.5000000000000426 tenths in doubles: 0.1 (m-five's 40.05 - 40 is 0.4999999999999716: 0, no mover).
      ["m-four", 39.9, 39.95, 0.1],
    ]);
    expect((await findBiggestMovers(GROUP_M, 2)).map((row) => row.name)).toEqual(["m-one", "m-two"]);
    // No account of group U has a snapshot a week old.
    expect(await findBiggestMovers(GROUP_U)).toEqual([]);
  });

  test("the change is exactly what the page computed in JavaScript from the scores it received", async () => {
    for (const row of [...(await findLowestScores(ADMIN, 100)), ...(await findBiggestMovers(ADMIN, 100))]) {
      const js = row.weekAgoScore === null ? null : Math.round((row.score - row.weekAgoScore) * 10) / 10;
      // `===`, not Object.is: Math.round gives -0 for m-three's -0.4 tenths where PostgreSQL gives 0, the same figure.
      expect(row.delta === js, `${row.name}: ${row.delta} vs ${js}`).toBe(true);
    }
  });
});

describe("the tiles", () => {
  const options = { now: NOW, staleAfterHours: 24 };

  test("group H: health, freshness and finding counts by hand", async () => {
    // Listed: 8 (h-imported-unscored is not). Errors: stale (partial), edge (failed), unreachable: 3 (fresh's failed
    // run is not its latest; running's latest is running). Stale at NOW: stale (25 h) and never (never collected): 2;
    // edge is exactly 24 h old, disabled and imported-only accounts are not expected to be fresh.
    expect(await getOverviewSummary(GROUP_H, options)).toEqual({
      accounts: 8,
      withErrors: 3,
      stale: 2,
      critical: 1 + 10 + 2 + 5,
      high: 2 + 1,
      medium: 3 + 1,
      low: 4 + 1,
    });
    // An hour later edge is stale too.
    expect((await getOverviewSummary(GROUP_H, { now: new Date(NOW.getTime() + HOUR), staleAfterHours: 24 })).stale).toBe(3);
  });

  test("each scope gets its own accounts' figures; a scope matching nothing gets zeros", async () => {
    // U: delta is unreachable and never collected; the others were collected 2 h before NOW.
    expect(await getOverviewSummary(GROUP_U, options)).toEqual({
      accounts: 4,
      withErrors: 1,
      stale: 1,
      critical: 8,
      high: 0,
      medium: 0,
      low: 0,
    });
    // N and M: never collected, active: all stale.
    expect(await getOverviewSummary(GROUP_N, options)).toEqual({
      accounts: 8,
      withErrors: 0,
      stale: 8,
      critical: 0,
      high: 0,
      medium: 0,
      low: 0,
    });
    expect(await getOverviewSummary(GROUP_M, options)).toEqual({
      accounts: 8,
      withErrors: 0,
      stale: 8,
      critical: 0,
      high: 0,
      medium: 0,
      low: 0,
    });
    expect(await getOverviewSummary(ADMIN, options)).toEqual({
      accounts: 4 + 8 + 8 + 8,
      withErrors: 1 + 3,
      stale: 1 + 8 + 8 + 2,
      critical: 8 + 18,
      high: 3,
      medium: 4,
      low: 5,
    });
    const zeros = { accounts: 0, withErrors: 0, stale: 0, critical: 0, high: 0, medium: 0, low: 0 };
    expect(await getOverviewSummary(NOBODY, options)).toEqual(zeros);
    expect(await getOverviewSummary(MATCHING_NOTHING, options)).toEqual(zeros);
  });

  test("equal a plain SQL over the base tables (accounts, the latest snapshot, the latest run), for every scope", async () => {
    const oracle = async (accountIds: string[] | null) =>
      (
        await database.pool.query(
          `SELECT count(*)::int AS accounts,
                  count(*) FILTER (WHERE a.status = 'unreachable' OR r.status IN ('failed', 'partial'))::int AS "withErrors",
                  count(*) FILTER (WHERE a.status NOT IN ('disabled', 'data_only')
                                     AND (a.last_collected_at IS NULL OR $2::timestamptz - a.last_collected_at > interval '24 hours'))::int AS stale,
                  COALESCE(sum(s.active_critical), 0)::int AS critical, COALESCE(sum(s.active_high), 0)::int AS high,
                  COALESCE(sum(s.active_medium), 0)::int AS medium, COALESCE(sum(s.active_low), 0)::int AS low
           FROM accounts a
           LEFT JOIN LATERAL (SELECT * FROM score_snapshots x WHERE x.account_id = a.id ORDER BY x.day DESC LIMIT 1) s ON true
           LEFT JOIN LATERAL (SELECT status FROM collection_runs x WHERE x.account_id = a.id ORDER BY x.started_at DESC LIMIT 1) r ON true
           WHERE (a.status <> 'data_only' OR s.id IS NOT NULL) AND ($1::text[] IS NULL OR a.id = ANY($1))`,
          [accountIds, NOW],
        )
      ).rows[0];
    const members = (prefix: string) => FIXTURES.filter((fixture) => fixture.id.startsWith(prefix)).map((fixture) => fixture.id);
    expect(await getOverviewSummary(ADMIN, options)).toEqual(await oracle(null));
    expect(await getOverviewSummary(GROUP_U, options)).toEqual(await oracle(members("73000000000")));
    expect(await getOverviewSummary(GROUP_N, options)).toEqual(await oracle(members("73000000001")));
    expect(await getOverviewSummary(GROUP_M, options)).toEqual(await oracle(members("73000000002")));
    expect(await getOverviewSummary(GROUP_H, options)).toEqual(await oracle(members("73000000003")));
  });
});

describe("the locale_compare collation orders as String.prototype.localeCompare", () => {
  test("names that differ in case, accents, punctuation, digits, spaces and scripts; equal means equal", async () => {
    const tricky = [
      "alpha",
      "Alpha",
      "ALPHA",
      "alpha-prod",
      "alpha_prod",
      "alpha prod",
      "alpha.prod",
      "alpha2",
      "alpha10",
      "Alpha-2",
      "beta",
      "Beta",
      "éclair",
      "eclair",
      "Eclair",
      "e\u0301clair",
      "zeta",
      "Ωmega",
      "omega",
      "ß",
      "ss",
      "a-b",
      "ab",
      "a b",
      "a_b",
      "a.b",
      "A-B",
      "prod-001",
      "prod_001",
      "Prod 001",
      "001",
      "1",
      "-x",
      "_x",
      "~x",
      "x~",
      "Zürich",
      "zurich",
      "naïve",
      "naive",
      "ﬁle",
      "file",
      "日本",
      "中国",
      "한국",
      "O'Brien",
      "OBrien",
      "acme (prod)",
      "acme [prod]",
      "acme/prod",
      "acme+prod",
      "acme@prod",
      "acme#prod",
      "acme&prod",
      "acme,prod",
      "acme:prod",
      "acme!prod",
      "acme?prod",
      "acme|prod",
    ];
    const inJs = tricky.map((name, index) => ({ name, index })).sort((a, b) => a.name.localeCompare(b.name) || a.index - b.index);
    const inSql = await database.pool.query<{ index: number }>(
      "SELECT (i - 1)::int AS index FROM unnest($1::text[]) WITH ORDINALITY AS t(name, i) ORDER BY name COLLATE locale_compare, i",
      [tricky],
    );
    expect(inSql.rows.map((row) => tricky[row.index])).toEqual(inJs.map((entry) => entry.name));
    // A precomposed and a decomposed é are equal to localeCompare, and so to the collation (the id breaks that tie).
    expect("éclair".localeCompare("e\u0301clair")).toBe(0);
    const equal = await database.pool.query("SELECT ('éclair' COLLATE locale_compare) = E'e\\u0301clair' AS equal");
    expect(equal.rows[0].equal).toBe(true);
  });
});
