import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { computeAccountScore } from "@/lib/checklist/compute-account-score";
import { CHECKLIST_VERSION } from "@/lib/checklist/items";
import { rankFixFirst } from "@/lib/checklist/rank-fix-first";
import type { ItemResult, ScoreSource } from "@/lib/checklist/types";
import { findSourceCursors } from "@/lib/data/runs/find-source-cursors";
import { findScoreChanges } from "@/lib/data/scores/find-score-changes";
import { findScoreHistory } from "@/lib/data/scores/find-score-history";
import { getAccountScorecard } from "@/lib/data/scores/get-account-scorecard";
import { saveAccountScore } from "@/lib/data/scores/save-account-score";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The account page's two reads of checklist_results, getAccountScorecard and
 * findScoreChanges, select the stored evidence JSON without its `refs` (thousands of ids an
 * account at organisation size, none shown on the page). These are the figures, reasons,
 * missing sources and acceptances they must still give, worked out by hand from two
 * evaluations written through saveAccountScore (the scoring transaction):
 *
 * yesterday  IAM-01 (critical, 10) fail 0/4 · IAM-05 (high, 6) fail · LOG-13 (critical, 10) pass
 * today      IAM-01 partial 3/4 · IAM-05 fail, accepted item-wide (risk-adjusted pass) · LOG-13 no_data
 *
 * today:     with data 10 + 6 = 16 of 26 applicable; earned 10 x 3/4 = 7.5
 *            score 100 x 7.5 / 16 = 46.875 -> 46.9; risk-adjusted (7.5 + 6) / 16 = 84.375 -> 84.4;
 *            coverage 16 / 26 = 61.54 -> 61.5
 * yesterday: earned 10 (LOG-13) of 26 with data: score 38.46 -> 38.5, coverage 100
 */

const ACCOUNT = "123456789012";
const ADMIN: SessionUser = { id: "1", email: "admin@example.com", role: "admin", scope: { all: true } };
const DAY = 86_400_000;
const today = new Date(Math.floor(Date.now() / DAY) * DAY + 12 * 3_600_000); // noon UTC today
const yesterday = new Date(today.getTime() - DAY);
const EXPIRES = new Date("2099-01-01T00:00:00.000Z");
const refs = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => ({ kind: "control" as const, id: `${prefix}-${index}`, note: "FAILED" }));

const YESTERDAY_ITEMS: ItemResult[] = [
  {
    itemId: "IAM-01",
    domain: "identity_access",
    severity: "critical",
    weight: 10,
    status: "fail",
    passing: 0,
    total: 4,
    reason: "0 of 4 resources pass IAM.4.",
    evidence: refs("iam-01", 4),
    riskAdjusted: { status: "fail", passing: 0, total: 4 },
  },
  {
    itemId: "IAM-05",
    domain: "identity_access",
    severity: "high",
    weight: 6,
    status: "fail",
    reason: "2 console sign-ins without MFA.",
    evidence: refs("iam-05", 2),
    riskAdjusted: { status: "fail" },
  },
  {
    itemId: "LOG-13",
    domain: "logging_monitoring",
    severity: "critical",
    weight: 10,
    status: "pass",
    reason: "Logging was not stopped.",
    evidence: refs("log-13", 3),
    riskAdjusted: { status: "pass" },
  },
];

const TODAY_ITEMS: ItemResult[] = [
  {
    ...YESTERDAY_ITEMS[0]!,
    status: "partial",
    passing: 3,
    reason: "3 of 4 resources pass IAM.4.",
    riskAdjusted: { status: "partial", passing: 3, total: 4 },
  },
  {
    ...YESTERDAY_ITEMS[1]!,
    accepted: { reason: "break-glass user", owner: "lead@example.com", expiresAt: EXPIRES },
    riskAdjusted: { status: "pass" },
  },
  {
    ...YESTERDAY_ITEMS[2]!,
    status: "no_data",
    reason: "No trail was read.",
    missingSources: ["cloudtrail:us-east-1 (error: AccessDenied)"],
    evidence: [],
    riskAdjusted: { status: "no_data" },
  },
];

const EVIDENCE_AS_OF = new Date(today.getTime() - 3_600_000);
const SOURCES: ScoreSource[] = [
  { source: "cloudtrail", region: "us-east-1", state: "error", origin: "collected", asOf: null },
  { source: "guardduty", region: "us-east-1", state: "ok", origin: "collected", asOf: EVIDENCE_AS_OF },
];
const RUN_STARTED = new Date(today.getTime() - 2 * 3_600_000);

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query(`INSERT INTO accounts (id, name, regions, status) VALUES ($1, 'one', '{us-east-1}', 'active')`, [ACCOUNT]);
  await saveAccountScore(database.pool, computeAccountScore(ACCOUNT, YESTERDAY_ITEMS, yesterday));
  await saveAccountScore(
    database.pool,
    computeAccountScore(ACCOUNT, TODAY_ITEMS, today, undefined, { evidenceAsOf: EVIDENCE_AS_OF, sources: SOURCES }),
  );
  // Two runs: the older one succeeded; the latest failed in two steps (and one step was fine).
  await database.pool.query(
    `INSERT INTO collection_runs (account_id, status, started_at, finished_at) VALUES ($1, 'succeeded', $2::timestamptz - interval '1 day', $2::timestamptz - interval '1 day')`,
    [ACCOUNT, RUN_STARTED],
  );
  const {
    rows: [run],
  } = await database.pool.query<{ id: string }>(
    `INSERT INTO collection_runs (account_id, status, started_at, finished_at, error) VALUES ($1, 'partial', $2, $2::timestamptz + interval '5 minutes', 'two steps failed') RETURNING id::text`,
    [ACCOUNT, RUN_STARTED],
  );
  await database.pool.query(
    `INSERT INTO collection_steps (run_id, account_id, region, source, status, error_code, error) VALUES
       ($1, $2, 'us-east-1', 'securityhub', 'failed', 'AccessDeniedException', 'not authorized'),
       ($1, $2, 'eu-west-1', 'guardduty', 'disabled', NULL, NULL),
       ($1, $2, 'us-east-1', 'cloudtrail', 'succeeded', NULL, NULL)`,
    [run!.id, ACCOUNT],
  );
  await database.pool.query(
    `INSERT INTO source_cursors (account_id, region, source, state, error_code, error) VALUES
       ($1, 'us-east-1', 'cloudtrail', 'ok', NULL, NULL), ($1, 'us-east-1', 'securityhub', 'error', 'AccessDeniedException', 'not authorized')`,
    [ACCOUNT],
  );
});

afterAll(async () => {
  await database.drop();
});

describe("getAccountScorecard: the latest evaluation without its evidence lists", () => {
  test("the stored rows keep their refs (what the item page reads)", async () => {
    const { rows } = await database.pool.query<{ item_id: string; refs: number }>(
      `SELECT item_id, jsonb_array_length(evidence->'refs') AS refs FROM checklist_results WHERE account_id = $1 ORDER BY item_id`,
      [ACCOUNT],
    );
    expect(rows).toEqual([
      { item_id: "IAM-01", refs: 4 },
      { item_id: "IAM-05", refs: 2 },
      { item_id: "LOG-13", refs: 0 },
    ]);
  });

  test("figures, statuses, reasons, missing sources and the acceptance are the evaluation's; evidence is not read", async () => {
    const { snapshot, score } = await getAccountScorecard(ADMIN, ACCOUNT);
    expect(snapshot?.day).toBe(today.toISOString().slice(0, 10));
    expect(snapshot?.score).toBeCloseTo(46.9, 4);
    expect(snapshot?.riskAdjustedScore).toBeCloseTo(84.4, 4);
    expect(snapshot?.coverage).toBeCloseTo(61.5, 4);
    expect(score).not.toBeNull();
    expect(score!.score).toBe(46.9);
    expect(score!.riskAdjustedScore).toBe(84.4);
    expect(score!.coverage).toBe(61.5);
    expect(score!.weightWithData).toBe(16);
    expect(score!.weightApplicable).toBe(26);
    // Checklist order: identity and access before logging.
    expect(score!.items).toEqual([
      {
        itemId: "IAM-01",
        domain: "identity_access",
        severity: "critical",
        weight: 10,
        status: "partial",
        passing: 3,
        total: 4,
        reason: "3 of 4 resources pass IAM.4.",
        evidence: [],
        riskAdjusted: { status: "partial", passing: 3, total: 4 },
      },
      {
        itemId: "IAM-05",
        domain: "identity_access",
        severity: "high",
        weight: 6,
        status: "fail",
        reason: "2 console sign-ins without MFA.",
        evidence: [],
        accepted: { reason: "break-glass user", owner: "lead@example.com", expiresAt: EXPIRES },
        riskAdjusted: { status: "pass" },
      },
      {
        itemId: "LOG-13",
        domain: "logging_monitoring",
        severity: "critical",
        weight: 10,
        status: "no_data",
        reason: "No trail was read.",
        missingSources: ["cloudtrail:us-east-1 (error: AccessDenied)"],
        evidence: [],
        riskAdjusted: { status: "no_data" },
      },
    ]);
  });

  test("the header, the latest run with its failed and disabled steps, and the snapshot's freshness", async () => {
    const { account, latestRun, snapshot } = await getAccountScorecard(ADMIN, ACCOUNT);
    expect(account).toEqual({
      id: ACCOUNT,
      name: "one",
      owner: null,
      status: "active",
      statusError: null,
      regions: ["us-east-1"],
      lastCollectedAt: null,
      tags: {},
      ouPath: null,
    });
    expect(latestRun).toEqual({
      status: "partial",
      startedAt: RUN_STARTED,
      finishedAt: new Date(RUN_STARTED.getTime() + 5 * 60_000),
      error: "two steps failed",
      // status, then region, then source: disabled before failed
      problems: [
        { region: "eu-west-1", source: "guardduty", status: "disabled", errorCode: null, error: null },
        { region: "us-east-1", source: "securityhub", status: "failed", errorCode: "AccessDeniedException", error: "not authorized" },
      ],
    });
    expect(snapshot?.takenAt).toEqual(today);
    expect(snapshot?.checklistVersion).toBe(CHECKLIST_VERSION);
    expect(snapshot?.evidenceAsOf).toEqual(EVIDENCE_AS_OF);
    expect(snapshot?.sources).toEqual(SOURCES);
    // identity_access: IAM-01 + IAM-05, with data 16 of 16, earned 7.5 -> 46.875 -> 46.9
    expect(snapshot?.domains.identity_access?.score).toBe(46.9);
    expect(snapshot?.domains.logging_monitoring?.coverage).toBe(0);
  });

  test("the trend: one point a day, oldest first, exactly findScoreHistory's numbers", async () => {
    const { trend } = await getAccountScorecard(ADMIN, ACCOUNT);
    expect(trend.map(([day]) => day)).toEqual([yesterday.toISOString().slice(0, 10), today.toISOString().slice(0, 10)]);
    const [before, after] = trend;
    expect(before![1]).toBeCloseTo(38.5, 4);
    expect(before![3]).toBe(100);
    expect(after![1]).toBeCloseTo(46.9, 4);
    expect(after![2]).toBeCloseTo(84.4, 4);
    expect(after![3]).toBeCloseTo(61.5, 4);
    // The same float4 values as the separate read (both PostgreSQL's text for a real).
    const history = await findScoreHistory(ADMIN, ACCOUNT);
    expect(trend).toEqual(history.map((point) => [point.day, point.score, point.riskAdjustedScore, point.coverage]));
  });

  test("an account out of the user's scope is not found, like an unknown one", async () => {
    const other: SessionUser = {
      id: "2",
      email: "viewer@example.com",
      role: "viewer",
      scope: { all: false, accountIds: ["999999999999"], tags: [], ouIds: [] },
    };
    await expect(getAccountScorecard(other, ACCOUNT)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAccountScorecard(ADMIN, "999999999999")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findScoreChanges(other, ACCOUNT)).toBeNull();
  });

  test("fix first from it: only IAM-01 (IAM-05 is accepted, LOG-13 has no data), +100 x 10 x 1/4 / 16 = 15.625 -> 15.6", async () => {
    const { score } = await getAccountScorecard(ADMIN, ACCOUNT);
    expect(rankFixFirst(score!).map((entry) => [entry.itemId, entry.status, entry.uplift])).toEqual([["IAM-01", "partial", 15.6]]);
  });
});

describe("findScoreChanges: the day's changes with the latest reasons, without evidence lists", () => {
  test("fixed, lost coverage (with its missing source) and accepted (with who and until when), biggest impact first", async () => {
    const diff = await findScoreChanges(ADMIN, ACCOUNT);
    expect(diff).not.toBeNull();
    expect(diff!.from).toEqual(yesterday);
    expect(diff!.to).toEqual(today);
    expect(diff!.score.before).toBeCloseTo(38.5, 4);
    expect(diff!.score.after).toBeCloseTo(46.9, 4);
    expect(diff!.score.delta).toBe(8.4); // 46.9 - 38.5
    expect(diff!.coverage.delta).toBe(-38.5); // 61.5 - 100
    expect(diff!.changes.map((change) => [change.itemId, change.kind, change.scoreImpact, change.reason])).toEqual([
      // 100 x 10 x 3/4 / 16 - 0 = 46.875
      ["IAM-01", "fixed", 46.9, "fail (0/4) -> partial (3/4). 3 of 4 resources pass IAM.4."],
      // 0 - 100 x 10 x 1 / 26 = -38.46
      ["LOG-13", "lost_coverage", -38.5, "Evidence lost: No trail was read. Missing: cloudtrail:us-east-1 (error: AccessDenied)."],
      ["IAM-05", "accepted", 0, "Risk accepted by lead@example.com until 2099-01-01T00:00:00.000Z: break-glass user."],
    ]);
  });
});

describe("findSourceCursors without counts (the account page)", () => {
  test("the same rows, errors first, and no counts query", async () => {
    const withCounts = await findSourceCursors(ADMIN, { accountId: ACCOUNT, state: "all" });
    const withoutCounts = await findSourceCursors(ADMIN, { accountId: ACCOUNT, state: "all" }, { counts: false });
    expect(withCounts.counts).toEqual({ ok: 1, error: 1 });
    expect(withoutCounts).not.toHaveProperty("counts");
    expect(withoutCounts.rows).toEqual(withCounts.rows);
    expect(withoutCounts.rows.map((row) => [row.source, row.state])).toEqual([
      ["securityhub", "error"],
      ["cloudtrail", "ok"],
    ]);
    expect(withoutCounts).toMatchObject({ page: 1, pages: 1, from: 1, to: 2, total: 2 });
  });
});
