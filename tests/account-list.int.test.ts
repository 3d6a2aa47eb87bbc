import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import type { AccountScope } from "@/lib/auth/account-scope";
import { parseAccountListParams } from "@/lib/data/accounts/account-list-filters";
import { findAccountListPage } from "@/lib/data/accounts/find-account-list-page";
import { findAccountListSummary } from "@/lib/data/accounts/find-account-list-summary";
import { findDiscoveryCandidates } from "@/lib/data/accounts/find-discovery-candidates";
import { findRecordsOnlyAccounts } from "@/lib/data/accounts/find-records-only-accounts";
import { findScopeChoices } from "@/lib/data/accounts/find-scope-choices";
import { upsertOrganizationalUnits } from "@/lib/data/accounts/upsert-organizational-units";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The accounts list's SQL (findAccountListPage and its neighbours) against PostgreSQL: the
 * filters, every sort in both directions with missing values and ties, paging past the end,
 * the tiles, the bounded filter choices, the discovery suggestions, records-only paging, and
 * scoped users. These were unit tests of the JS that filtered and sorted every account
 * (app/(console)/accounts/_lib/account-list.ts before round 4); their cases are kept and the
 * expected orders are worked out by hand in the comments.
 */

const NOW = new Date("2026-12-01T12:00:00Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const ADMIN: SessionUser = { id: "1", email: "admin@example.com", role: "admin", scope: { all: true } };
const scoped = (scope: Omit<Extract<AccountScope, { all: false }>, "all">): SessionUser => ({
  id: "2",
  email: "viewer@example.com",
  role: "viewer",
  scope: { all: false, ...scope },
});

interface Fixture {
  id: string;
  name: string;
  owner?: string | null;
  tags?: unknown;
  ouPath?: string | null;
  roleArn?: string | null;
  regions?: string[];
  status?: string;
  lastCollectedAt?: Date | null;
  /** A row of account_latest_scores (the read model the scoring trigger keeps); none = never scored. */
  latest?: { score: number | null; coverage: number; weekAgo?: number | null; critical?: number; high?: number };
  /** Collection runs, oldest first. */
  runs?: Array<{ status: string; startedAt: Date }>;
}

let database: TestDatabase;

/** Replaces every account with these (their runs and read-model rows go with them). */
async function seed(fixtures: Fixture[]) {
  await database.pool.query("DELETE FROM accounts");
  for (const account of fixtures) {
    await database.pool.query(
      `INSERT INTO accounts (id, name, owner, tags, ou_path, role_arn, regions, status, last_collected_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        account.id,
        account.name,
        account.owner ?? null,
        JSON.stringify(account.tags ?? {}),
        account.ouPath ?? null,
        account.roleArn === undefined ? `arn:aws:iam::${account.id}:role/r` : account.roleArn,
        account.regions ?? ["us-east-1"],
        account.status ?? "active",
        account.lastCollectedAt === undefined ? hoursAgo(1) : account.lastCollectedAt,
      ],
    );
    if (account.latest) {
      const latest = account.latest;
      await database.pool.query(
        `INSERT INTO account_latest_scores (account_id, day, taken_at, score, coverage, domain_cells, stale_sources, active_critical,
                                            active_high, active_medium, active_low, active_informational, week_ago_score)
         VALUES ($1, '2026-12-01', $2, $3, $4, '{}', 0, $5, $6, 0, 0, 0, $7)`,
        [account.id, NOW, latest.score, latest.coverage, latest.critical ?? 0, latest.high ?? 0, latest.weekAgo ?? null],
      );
    }
    for (const run of account.runs ?? [{ status: "succeeded", startedAt: hoursAgo(1) }]) {
      await database.pool.query("INSERT INTO collection_runs (account_id, status, started_at) VALUES ($1, $2, $3)", [
        account.id,
        run.status,
        run.startedAt,
      ]);
    }
  }
}

/** The list as the page asks for it (URL parameters), one page of up to 200. */
async function list(query: string, user: SessionUser = ADMIN, paging?: { page: number; size: number }) {
  const params = parseAccountListParams(new URLSearchParams(query));
  return findAccountListPage(user, params, paging ?? { page: params.page, size: params.size === 25 ? 200 : params.size }, NOW);
}
const ids = async (query: string, user?: SessionUser) => (await list(query, user)).rows.map((row) => row.id);
const names = async (query: string, user?: SessionUser) => (await list(query, user)).rows.map((row) => row.name);

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

describe("accounts list (the former unit cases)", () => {
  beforeAll(async () => {
    await seed([
      {
        id: "111111111111",
        name: "prod",
        owner: "Ana",
        tags: { env: "prod" },
        latest: { score: 62.4, coverage: 0.9, weekAgo: 70, critical: 2, high: 5 },
      },
      {
        id: "222222222222",
        name: "dev",
        latest: { score: 88, coverage: 0.8, weekAgo: 80 },
        runs: [{ status: "partial", startedAt: hoursAgo(1) }],
      },
      { id: "333333333333", name: "sandbox", lastCollectedAt: new Date("2026-11-29T12:00:00Z") },
      { id: "444444444444", name: "imported", status: "data_only", roleArn: null, runs: [] },
    ]);
  });

  test("joins last week's score and the counts, and leaves out records-only accounts", async () => {
    const { rows } = await list("sort=id");
    expect(rows.map((entry) => entry.id)).toEqual(["111111111111", "222222222222", "333333333333"]);
    // 62.4 - 70 = -7.6; 88 - 80 = 8; sandbox has no score.
    expect(rows[0]).toMatchObject({ change: -7.6, critical: 2, high: 5, stale: false, errors: false, weekAgoScore: 70, score: 62.4 });
    expect(rows[1]).toMatchObject({ change: 8, errors: true, lastRunStatus: "partial", critical: 0, high: 0 });
    expect(rows[2]).toMatchObject({ change: null, stale: true, score: null, coverage: null, weekAgoScore: null });
    expect(rows[0]!.tags).toEqual({ env: "prod" });
    expect(rows[0]!.lastCollectedAt).toEqual(hoursAgo(1));
  });

  test("filters by health, tag and text, and sorts with missing values last", async () => {
    expect(await names("health=errors")).toEqual(["dev"]);
    expect(await names("health=stale")).toEqual(["sandbox"]);
    expect(await names("health=ok")).toEqual(["prod"]);
    expect(await names("tag=env%3Dprod")).toEqual(["prod"]);
    expect(await names("q=ana")).toEqual(["prod"]);
    expect(await names("sort=score&dir=desc")).toEqual(["dev", "prod", "sandbox"]);
    expect(await names("sort=score")).toEqual(["prod", "dev", "sandbox"]);
    expect(await names("sort=change")).toEqual(["prod", "dev", "sandbox"]);
  });
});

describe("accounts list: by OU", () => {
  const PROD = "ou-ab12-prod0001";
  const TEAM = "ou-ab12-team0001";
  beforeAll(async () => {
    await seed([
      { id: "111111111111", name: "a", ouPath: `r-ab12/${PROD}/${TEAM}` },
      { id: "222222222222", name: "b", ouPath: `r-ab12/${PROD}` },
      { id: "333333333333", name: "c", ouPath: "r-ab12/ou-ab12-sand0001" },
      { id: "444444444444", name: "d" },
    ]);
  });

  test("an OU id selects the accounts in it and below it; a path selects by prefix; undiscovered accounts are in none", async () => {
    expect(await ids(`ou=${PROD}`)).toEqual(["111111111111", "222222222222"]);
    expect(await ids(`ou=${TEAM}`)).toEqual(["111111111111"]);
    expect(await ids(`ou=r-ab12/${PROD}`)).toEqual(["111111111111", "222222222222"]);
    expect(await ids("ou=r-ab12")).toEqual(["111111111111", "222222222222", "333333333333"]);
    // A path is matched from the root: the team OU is not directly under the root.
    expect(await ids(`ou=r-ab12/${TEAM}`)).toEqual([]);
  });

  test("the choices are every OU on a path, with the accounts in or below it", async () => {
    const { ous } = await findAccountListSummary(ADMIN, {}, 30);
    expect(ous).toEqual({
      shown: [
        { value: PROD, count: 2 },
        { value: "ou-ab12-sand0001", count: 1 },
        { value: TEAM, count: 1 },
      ],
      hidden: 0,
    });
    // Two kept: PROD (2), then the sandbox OU (ties by name); the team OU comes back as the current filter.
    expect((await findAccountListSummary(ADMIN, {}, 2)).ous).toEqual({ shown: ous.shown.slice(0, 2), hidden: 1 });
    expect((await findAccountListSummary(ADMIN, { ou: TEAM }, 2)).ous).toEqual({ shown: ous.shown, hidden: 0 });
  });

  test("an OU's name from discovery labels its choice (filter and scope pickers), named ones by name, and only for OUs in scope", async () => {
    expect(
      await upsertOrganizationalUnits(
        [
          { id: PROD, name: "Prod" },
          { id: TEAM, name: "Alpha team" },
          { id: "r-ab12", name: "Root" },
        ],
        database.pool,
      ),
    ).toBe(3);
    try {
      // By name or, without one, by id (ICU order, case aside): "Alpha team" < "ou-ab12-sand0001" < "Prod".
      expect((await findAccountListSummary(ADMIN, {}, 30)).ous).toEqual({
        shown: [
          { value: TEAM, count: 1, label: "Alpha team" },
          { value: "ou-ab12-sand0001", count: 1 },
          { value: PROD, count: 2, label: "Prod" },
        ],
        hidden: 0,
      });
      expect((await findScopeChoices(ADMIN)).ous).toEqual([
        { id: "r-ab12", path: "r-ab12", accounts: 3, name: "Root" },
        { id: PROD, path: `r-ab12 / ${PROD}`, accounts: 2, name: "Prod" },
        { id: TEAM, path: `r-ab12 / ${PROD} / ${TEAM}`, accounts: 1, name: "Alpha team" },
        { id: "ou-ab12-sand0001", path: "r-ab12 / ou-ab12-sand0001", accounts: 1 },
      ]);
      // A viewer of the sandbox account is told the names of its own path only.
      expect((await findScopeChoices(scoped({ accountIds: ["333333333333"], tags: [], ouIds: [] }))).ous).toEqual([
        { id: "r-ab12", path: "r-ab12", accounts: 1, name: "Root" },
        { id: "ou-ab12-sand0001", path: "r-ab12 / ou-ab12-sand0001", accounts: 1 },
      ]);
      // A rename is one changed row; the same names again change nothing; a bad id or an empty name is refused.
      expect(await upsertOrganizationalUnits([{ id: PROD, name: "Production" }], database.pool)).toBe(1);
      expect(await upsertOrganizationalUnits([{ id: PROD, name: "Production" }], database.pool)).toBe(0);
      await expect(upsertOrganizationalUnits([{ id: "ou-1", name: "x" }], database.pool)).rejects.toThrow(/root or OU id/);
      await expect(upsertOrganizationalUnits([{ id: PROD, name: "" }], database.pool)).rejects.toThrow();
      expect((await findAccountListSummary(ADMIN, {}, 30)).ous.shown.find((choice) => choice.value === PROD)?.label).toBe("Production");
    } finally {
      await database.pool.query("DELETE FROM organizational_units");
    }
  });
});

describe("accounts list: bounded choices", () => {
  beforeAll(async () => {
    await seed([
      { id: "111111111111", name: "a", tags: { env: "prod", team: "x" } },
      { id: "222222222222", name: "b", tags: { env: "prod" } },
      { id: "333333333333", name: "c", tags: { env: "dev", team: "y", size: 5 } },
      // Records-only accounts are not in the list, so their tags are no choice.
      { id: "444444444444", name: "d", tags: { env: "records" }, status: "data_only", roleArn: null },
    ]);
  });

  test("counts every text tag, and keeps the most used ones in name order plus the current one", async () => {
    const all = [
      { value: "env=dev", count: 1 },
      { value: "env=prod", count: 2 },
      { value: "team=x", count: 1 },
      { value: "team=y", count: 1 },
    ];
    expect((await findAccountListSummary(ADMIN, {}, 30)).tags).toEqual({ shown: all, hidden: 0 });
    // Two kept: env=prod (2), then env=dev (ties by name); team=y comes back as the current filter.
    expect((await findAccountListSummary(ADMIN, {}, 2)).tags).toEqual({ shown: [all[0], all[1]], hidden: 2 });
    expect((await findAccountListSummary(ADMIN, { tag: "team=y" }, 2)).tags).toEqual({ shown: [all[0], all[1], all[3]], hidden: 1 });
    // A current filter that is no tag of any account adds nothing (the page shows it as typed).
    expect((await findAccountListSummary(ADMIN, { tag: "team=z" }, 2)).tags).toEqual({ shown: [all[0], all[1]], hidden: 2 });
  });

  test("a tag filter matches a text value exactly: a number under the key is no tag", async () => {
    expect(await ids("tag=size%3D5")).toEqual([]);
    expect(await ids("tag=env%3Dpro")).toEqual([]);
    expect(await ids("tag=team%3Dy")).toEqual(["333333333333"]);
    expect(await ids("tag=env%3Drecords")).toEqual([]);
  });
});

describe("accounts list: discovery suggestions", () => {
  beforeAll(async () => {
    await seed([
      { id: "111111111111", name: "workload-1" },
      { id: "222222222222", name: "security-tooling" },
      { id: "333333333333", name: "Management" },
      { id: "444444444444", name: "payer-old", status: "disabled" },
      { id: "555555555555", name: "org-records", roleArn: null, status: "data_only" },
      { id: "666666666666", name: "first", ouPath: "r-ab12" },
      { id: "777777777777", name: "member", ouPath: "r-ab12/ou-ab12-prod0001" },
      { id: "888888888888", name: "audit-no-role", roleArn: null, status: "pending" },
    ]);
  });

  test("suggests discovery sources by name or by sitting at the root, management-like names first, without disabled or role-less ones", async () => {
    expect((await findDiscoveryCandidates(ADMIN, 8)).map((candidate) => candidate.id)).toEqual([
      "333333333333",
      "666666666666",
      "222222222222",
    ]);
    expect(await findDiscoveryCandidates(ADMIN, 1)).toEqual([{ id: "333333333333", name: "Management" }]);
    // The scope applies: a user who sees only the root account gets only it.
    expect(await findDiscoveryCandidates(scoped({ accountIds: ["666666666666"], tags: [], ouIds: [] }), 8)).toEqual([
      { id: "666666666666", name: "first" },
    ]);
  });
});

/**
 * Six registered accounts and three known from records only, chosen so that every sort has
 * ties and missing values, and the three orders a careless SQL could use (by id, by code
 * point, by ICU collation) disagree among the missing ones:
 *
 *   id  name     owner  OU path                  status       collected  score  cov  week  change crit high  latest run
 *   A1  beta     Zed    r-ab12/ou-ab12-bbbbbbbb  active       1 h ago    50     0.8  40    10     1    0     succeeded (after a failed one)
 *   B2  Alpha    -      -                        active       24 h ago   50     0.9  55    -5     3    2     failed
 *   C3  alpha    ann    r-ab12                   pending      never      -      -    -     -      0    0     none
 *   D4  Émile    bob    r-ab12/ou-ab12-aaaaaaaa  unreachable  25 h ago   70     0.8  -     -      1    2     succeeded
 *   E5  Echo     ""     r-ab12/ou-ab12-aaaaaaaa  disabled     never      -      0.5  -     -      0    0     succeeded
 *   F6  delta    Ann    -                        active       1 h ago    50.35  0.8  50    0.4    0    5     partial (after a succeeded one)
 *
 * F6's change: (50.35 - 50) x 10 = 3.5, rounded half up to 4, so 0.4 (the real 50.35 is
 * stored as 50.3499985, whose exact difference would round to 0.3; the list always showed
 * 0.4). Stale at NOW: C3 (never collected) and D4 (25 h); B2 at exactly 24 h is not
 * (stale is "more than 24 h"), E5 is disabled. Errors: B2 (failed run), D4 (unreachable),
 * F6 (partial run); A1's failed run is not its latest.
 */
describe("accounts list: every sort, both directions, missing values last, ties by id", () => {
  const [A, B, C, D, E, F] = ["100000000001", "100000000002", "100000000003", "100000000004", "100000000005", "100000000006"];
  const [X, Y, Z] = ["100000000007", "100000000008", "100000000009"];
  beforeAll(async () => {
    await seed([
      {
        id: A,
        name: "beta",
        owner: "Zed",
        tags: { env: "prod", team: "x" },
        ouPath: "r-ab12/ou-ab12-bbbbbbbb",
        lastCollectedAt: hoursAgo(1),
        latest: { score: 50, coverage: 0.8, weekAgo: 40, critical: 1, high: 0 },
        runs: [
          { status: "failed", startedAt: hoursAgo(30) },
          { status: "succeeded", startedAt: hoursAgo(1) },
        ],
      },
      {
        id: B,
        name: "Alpha",
        tags: { env: "prod" },
        regions: ["eu-west-1", "us-east-1"],
        lastCollectedAt: hoursAgo(24),
        latest: { score: 50, coverage: 0.9, weekAgo: 55, critical: 3, high: 2 },
        runs: [{ status: "failed", startedAt: hoursAgo(24) }],
      },
      {
        id: C,
        name: "alpha",
        owner: "ann",
        tags: { env: "dev" },
        ouPath: "r-ab12",
        regions: ["eu-west-1", "us-east-1"],
        status: "pending",
        lastCollectedAt: null,
        runs: [],
      },
      {
        id: D,
        name: "Émile",
        owner: "bob",
        ouPath: "r-ab12/ou-ab12-aaaaaaaa",
        status: "unreachable",
        lastCollectedAt: hoursAgo(25),
        latest: { score: 70, coverage: 0.8, critical: 1, high: 2 },
        runs: [{ status: "succeeded", startedAt: hoursAgo(25) }],
      },
      {
        id: E,
        name: "Echo",
        owner: "",
        tags: { env: "prod=eu" },
        ouPath: "r-ab12/ou-ab12-aaaaaaaa",
        status: "disabled",
        lastCollectedAt: null,
        latest: { score: null, coverage: 0.5 },
      },
      {
        id: F,
        name: "delta",
        owner: "Ann",
        lastCollectedAt: hoursAgo(1),
        latest: { score: 50.35, coverage: 0.8, weekAgo: 50, critical: 0, high: 5 },
        runs: [
          { status: "succeeded", startedAt: hoursAgo(2) },
          { status: "partial", startedAt: hoursAgo(1) },
        ],
      },
      { id: X, name: "zeta-records", status: "data_only", roleArn: null, runs: [], tags: { env: "prod" } },
      { id: Y, name: "beta-records", status: "data_only", roleArn: null, runs: [] },
      { id: Z, name: "aaa-records", status: "data_only", roleArn: null, runs: [] },
    ]);
  });

  test.each([
    // Lower-cased by code point: alpha (B2, C3: a tie, by id), beta, delta, echo, émile (é is above every ASCII letter).
    ["name", [B, C, A, F, E, D], [D, E, F, A, C, B]],
    ["id", [A, B, C, D, E, F], [F, E, D, C, B, A]],
    // "" < ann (C3, F6: a tie once folded) < bob < zed; B2 has no owner.
    ["owner", [E, C, F, D, A, B], [A, D, F, C, E, B]],
    // r-ab12 < r-ab12/ou-ab12-aaaaaaaa (D4, E5) < r-ab12/ou-ab12-bbbbbbbb; B2 and F6 have none: Alpha before delta.
    ["ou", [C, D, E, A, B, F], [A, E, D, C, B, F]],
    // 50 (A1, B2) < 50.35 < 70; C3 and E5 have none: alpha before Echo (ICU), where by code point Echo would come first.
    ["score", [A, B, F, D, C, E], [D, F, B, A, C, E]],
    // -5 < 0.4 < 10; C3, D4, E5 have none: alpha, Echo, Émile (ICU: c before m), which is neither id nor code point order.
    ["change", [B, F, A, C, E, D], [A, F, B, C, E, D]],
    // 0.5 < 0.8 (A1, D4, F6) < 0.9; C3 has none.
    ["coverage", [E, A, D, F, B, C], [B, F, D, A, E, C]],
    // Without a score the counts are 0, not missing: 0 (C3, E5, F6) < 1 (A1, D4) < 3.
    ["critical", [C, E, F, A, D, B], [B, D, A, F, E, C]],
    ["high", [A, C, E, B, D, F], [F, D, B, E, C, A]],
    // Oldest first: 25 h (D4), 24 h (B2), 1 h (A1, F6); C3 and E5 never.
    ["freshness", [D, B, A, F, C, E], [F, A, B, D, C, E]],
    // active (A1, B2, F6) < disabled < pending < unreachable.
    ["status", [A, B, F, E, C, D], [D, C, E, F, B, A]],
  ])("sort=%s", async (sort, ascending, descending) => {
    expect(await ids(`sort=${sort}`)).toEqual(ascending);
    expect(await ids(`sort=${sort}&dir=desc`)).toEqual(descending);
  });

  test("each row carries its figures and health as the list shows them", async () => {
    const rows = new Map((await list("")).rows.map((row) => [row.id, row]));
    expect(rows.get(A)).toMatchObject({ change: 10, stale: false, errors: false, lastRunStatus: "succeeded", coverage: 0.8 });
    expect(rows.get(B)).toMatchObject({
      change: -5,
      stale: false,
      errors: true,
      lastRunStatus: "failed",
      regions: ["eu-west-1", "us-east-1"],
    });
    expect(rows.get(C)).toMatchObject({ change: null, stale: true, errors: false, lastRunStatus: null, lastRunStartedAt: null });
    expect(rows.get(D)).toMatchObject({ change: null, stale: true, errors: true, weekAgoScore: null, critical: 1, high: 2 });
    expect(rows.get(E)).toMatchObject({ score: null, coverage: 0.5, stale: false, errors: false, owner: "" });
    expect(rows.get(F)).toMatchObject({ score: 50.35, weekAgoScore: 50, change: 0.4, errors: true, lastRunStatus: "partial" });
    expect(rows.get(F)!.lastRunStartedAt).toEqual(hoursAgo(1));
  });

  test("each filter, and filters together", async () => {
    expect(await ids("health=errors")).toEqual([B, F, D]);
    expect(await ids("health=stale")).toEqual([C, D]);
    expect(await ids("health=ok")).toEqual([A, E]);
    expect(await ids("status=active")).toEqual([B, A, F]);
    expect(await ids("status=pending")).toEqual([C]);
    // Text: the owner without regard to case, the name folded as toLowerCase folds (É to é), the id as a substring.
    expect(await ids("q=ann")).toEqual([C, F]);
    expect(await ids("q=%C3%89MILE")).toEqual([D]);
    expect(await ids("q=ALP")).toEqual([B, C]);
    expect(await ids("q=000004")).toEqual([D]);
    expect(await ids("q=records")).toEqual([]);
    // LIKE's wildcards are plain characters.
    expect(await ids("q=%25")).toEqual([]);
    expect(await ids("q=_")).toEqual([]);
    expect(await ids("tag=env%3Dprod")).toEqual([B, A]);
    // The value is everything after the first '='.
    expect(await ids("tag=env%3Dprod%3Deu")).toEqual([E]);
    expect(await ids("ou=ou-ab12-aaaaaaaa")).toEqual([E, D]);
    expect(await ids("ou=r-ab12")).toEqual([C, A, E, D]);
    expect(await ids("status=active&health=errors&sort=score&dir=desc")).toEqual([F, B]);
    expect(await ids("tag=env%3Dprod&q=a&sort=coverage")).toEqual([A, B]);
  });

  test("pages of the whole filtered order; past the last page shows the last page; nothing found is page 1 of 1", async () => {
    expect(await list("", ADMIN, { page: 1, size: 4 })).toMatchObject({ page: 1, pages: 2, from: 1, to: 4, total: 6 });
    expect((await list("", ADMIN, { page: 1, size: 4 })).rows.map((row) => row.id)).toEqual([B, C, A, F]);
    const second = await list("", ADMIN, { page: 2, size: 4 });
    expect(second).toMatchObject({ page: 2, pages: 2, from: 5, to: 6, total: 6 });
    expect(second.rows.map((row) => row.id)).toEqual([E, D]);
    expect(await list("", ADMIN, { page: 9, size: 4 })).toEqual(second);
    expect(await list("sort=freshness&dir=desc", ADMIN, { page: 3, size: 2 })).toMatchObject({ page: 3, from: 5, to: 6, total: 6 });
    expect((await list("sort=freshness&dir=desc", ADMIN, { page: 3, size: 2 })).rows.map((row) => row.id)).toEqual([C, E]);
    expect(await list("q=nothing-like-this", ADMIN, { page: 3, size: 4 })).toEqual({
      rows: [],
      page: 1,
      pages: 1,
      from: 0,
      to: 0,
      total: 0,
    });
    // The pages together are the whole order, each row once (what the CSV export walks).
    const walked = [];
    for (let page = 1; page <= 6; page++)
      walked.push(...(await list("sort=owner&dir=desc", ADMIN, { page, size: 1 })).rows.map((row) => row.id));
    expect(walked).toEqual(await ids("sort=owner&dir=desc"));
  });

  test("the tiles, the onboarding form's default regions and the choices count the registered accounts in scope", async () => {
    const summary = await findAccountListSummary(ADMIN, {}, 30);
    expect(summary).toMatchObject({ registered: 6, unreachable: 1, disabled: 1, recordsOnly: 3 });
    // The first registered account by name as stored: Alpha (B2) by code point, alpha (C3) in en_US; both have these regions.
    expect(summary.firstRegions).toEqual(["eu-west-1", "us-east-1"]);
    // X's env=prod is a records-only account's: not counted.
    expect(summary.tags).toEqual({
      shown: [
        { value: "env=dev", count: 1 },
        { value: "env=prod", count: 2 },
        { value: "env=prod=eu", count: 1 },
        { value: "team=x", count: 1 },
      ],
      hidden: 0,
    });
    expect(summary.ous).toEqual({
      shown: [
        { value: "ou-ab12-aaaaaaaa", count: 2 },
        { value: "ou-ab12-bbbbbbbb", count: 1 },
      ],
      hidden: 0,
    });
  });

  test("records-only accounts are their own pages, by name as stored, past the last page the last one", async () => {
    // aaa-records < beta-records < zeta-records (the database's collation; these names sort alike in C and en_US).
    expect(await findRecordsOnlyAccounts(ADMIN, { page: 1, size: 2 })).toEqual({
      rows: [
        { id: Z, name: "aaa-records" },
        { id: Y, name: "beta-records" },
      ],
      page: 1,
      pages: 2,
      from: 1,
      to: 2,
      total: 3,
    });
    const last = { rows: [{ id: X, name: "zeta-records" }], page: 2, pages: 2, from: 3, to: 3, total: 3 };
    expect(await findRecordsOnlyAccounts(ADMIN, { page: 2, size: 2 })).toEqual(last);
    expect(await findRecordsOnlyAccounts(ADMIN, { page: 7, size: 2 })).toEqual(last);
  });

  test.each([
    ["account ids", { accountIds: [C, D, Y], tags: [], ouIds: [] }, [C, D], { registered: 2, unreachable: 1, disabled: 0, recordsOnly: 1 }],
    [
      "a tag",
      { accountIds: [], tags: [{ key: "env", value: "prod" }], ouIds: [] },
      [B, A],
      { registered: 2, unreachable: 0, disabled: 0, recordsOnly: 1 },
    ],
    [
      "an OU",
      { accountIds: [], tags: [], ouIds: ["ou-ab12-aaaaaaaa"] },
      [E, D],
      { registered: 2, unreachable: 1, disabled: 1, recordsOnly: 0 },
    ],
  ])("a user scoped by %s sees only those accounts, in the list, its counts and its choices", async (_how, scope, visible, counts) => {
    const user = scoped(scope);
    expect(await ids("", user)).toEqual(visible);
    expect(await list("", user)).toMatchObject({ total: visible.length });
    // A filter that would match an account outside the scope does not reach it.
    expect(await ids("q=alpha", user)).toEqual(visible.filter((id) => id === B || id === C));
    expect(await ids("sort=score&dir=desc", user)).toEqual((await ids("sort=score&dir=desc")).filter((id) => visible.includes(id)));
    const summary = await findAccountListSummary(user, {}, 30);
    expect(summary).toMatchObject(counts);
    const tagCounts = summary.tags.shown.reduce((sum, choice) => sum + choice.count, 0);
    const expectedTags = (await list("", user)).rows.reduce((sum, row) => sum + Object.keys(row.tags).length, 0);
    expect(tagCounts).toBe(expectedTags);
    const records = await findRecordsOnlyAccounts(user, { page: 1, size: 25 });
    expect(records.total).toBe(counts.recordsOnly);
  });

  test("a scope that matches nothing lists nothing and counts nothing", async () => {
    const nobody = scoped({ accountIds: [], tags: [], ouIds: [] });
    expect(await list("", nobody)).toEqual({ rows: [], page: 1, pages: 1, from: 0, to: 0, total: 0 });
    expect(await findAccountListSummary(nobody, {}, 30)).toEqual({
      registered: 0,
      unreachable: 0,
      disabled: 0,
      recordsOnly: 0,
      firstRegions: null,
      tags: { shown: [], hidden: 0 },
      ous: { shown: [], hidden: 0 },
    });
    expect(await findDiscoveryCandidates(nobody, 8)).toEqual([]);
    expect((await findRecordsOnlyAccounts(nobody, { page: 1, size: 25 })).total).toBe(0);
  });
});

describe("accounts list: the name's sort key", () => {
  test("the trigger keeps name_sort_key at the name's ICU lower case on insert and rename, whoever writes it", async () => {
    await seed([{ id: "100000000001", name: "ÉCLAIR Prod" }]);
    const key = async () =>
      (await database.pool.query<{ key: string }>("SELECT name_sort_key AS key FROM accounts WHERE id = '100000000001'")).rows[0]?.key;
    expect(await key()).toBe("éclair prod");
    await database.pool.query("UPDATE accounts SET name = 'İstanbul Ops' WHERE id = '100000000001'");
    // ICU's root lower case of U+0130 is i + U+0307, as lower(name COLLATE "und-x-icu") gives it.
    const renamed = (await database.pool.query<{ key: string }>(`SELECT lower('İstanbul Ops' COLLATE "und-x-icu") AS key`)).rows[0]!.key;
    expect(await key()).toBe(renamed);
    await database.pool.query("UPDATE accounts SET name_sort_key = 'zzz' WHERE id = '100000000001'");
    expect(await key()).toBe(renamed);
    const page = await findAccountListPage(ADMIN, parseAccountListParams({ q: "stanbul OPS" }), { page: 1, size: 25 }, NOW);
    expect(page.rows.map((row) => row.id)).toEqual(["100000000001"]);
  });
});
