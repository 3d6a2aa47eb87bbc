import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { roundToTenth } from "@/lib/checklist/round-to-tenth";
import type { AccountScore, Domain, DomainScore, ScoreSource } from "@/lib/checklist/types";
import { findAccounts } from "@/lib/data/accounts/find-accounts";
import { registerAccounts } from "@/lib/data/accounts/register-accounts";
import { findAccountOverview } from "@/lib/data/overview/find-account-overview";
import { findOrgScoreTrend } from "@/lib/data/overview/find-org-score-trend";
import { saveAccountScore } from "@/lib/data/scores/save-account-score";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The score read models of migration 1765400000000, kept by triggers in the transaction
 * that writes score_snapshots or changes an account's data_only status:
 * - org_score_days (the trend of a user who sees every account) must equal the per-account
 *   sum over the snapshots of accounts that are not data_only, whatever the writes: several
 *   accounts scored at once, a re-scoring of the same day, a past day written again, an
 *   imported-only account registered, an account deleted;
 * - account_latest_scores (the overview's per-account row) must give the overview exactly
 *   what it computed from the latest snapshot before.
 * The oracles are the queries the console ran before the read models (kept here verbatim).
 * Snapshots are written through saveAccountScore, the scoring transaction, with hand-made
 * weights so that every expected figure can be worked out by hand.
 */

const A1 = "111111111111";
const A2 = "222222222222";
const A3 = "333333333333";
const A4 = "444444444444";
const IMPORTED = "555555555555"; // data_only: known from imported records only
const ADMIN: SessionUser = { id: "1", email: "admin@example.com", role: "admin", scope: { all: true } };
const DAY = 86_400_000;
const today = new Date(Math.floor(Date.now() / DAY) * DAY + 12 * 3_600_000); // noon UTC today
const daysAgo = (days: number) => new Date(today.getTime() - days * DAY);
const dayString = (days: number) => daysAgo(days).toISOString().slice(0, 10);

let database: TestDatabase;

interface Weights {
  earned: number;
  adjusted: number;
  withData: number;
  applicable: number;
}

function domain(weights: Weights): DomainScore {
  return {
    score: weights.withData ? (100 * weights.earned) / weights.withData : null,
    riskAdjustedScore: weights.withData ? (100 * weights.adjusted) / weights.withData : null,
    coverage: weights.applicable ? (100 * weights.withData) / weights.applicable : null,
    weightApplicable: weights.applicable,
    weightWithData: weights.withData,
    earnedWeight: weights.earned,
    riskAdjustedEarnedWeight: weights.adjusted,
  };
}

/** An evaluation with the given weights, split over two domains (so the snapshot's weights are sums). */
function evaluation(accountId: string, at: Date, weights: Weights, sources: ScoreSource[] = []): AccountScore {
  const half = {
    earned: weights.earned / 2,
    adjusted: weights.adjusted / 2,
    withData: weights.withData / 2,
    applicable: weights.applicable / 2,
  };
  const domains = { identity_access: domain(half), network: domain(half) } as Record<Domain, DomainScore>;
  const whole = domain(weights);
  return {
    accountId,
    evidenceAsOf: sources.length ? new Date(at.getTime() - 3_600_000) : null,
    sources,
    score: whole.score,
    riskAdjustedScore: whole.riskAdjustedScore,
    coverage: whole.coverage,
    weightApplicable: weights.applicable,
    weightWithData: weights.withData,
    earnedWeight: weights.earned,
    riskAdjustedEarnedWeight: weights.adjusted,
    domains,
    items: [],
    checklistVersion: "test",
    evaluatedAt: at,
  };
}

const save = (accountId: string, at: Date, weights: Weights, sources?: ScoreSource[]) =>
  saveAccountScore(database.pool, evaluation(accountId, at, weights, sources));

/** The trend's query before org_score_days (find-org-score-trend.ts), for an all-accounts user. */
async function oracleTrend(days = 90) {
  const { rows } = await database.pool.query<{
    day: Date;
    earned: number | null;
    adjusted: number | null;
    with_data: number | null;
    applicable: number | null;
    accounts: number;
  }>(
    `SELECT s.day,
            sum(s.earned_weight) AS earned,
            sum(s.risk_adjusted_earned_weight) AS adjusted,
            sum(s.weight_with_data) AS with_data,
            sum(s.weight_applicable) AS applicable,
            count(*)::int AS accounts
     FROM score_snapshots s
     JOIN accounts a ON a.id = s.account_id
     WHERE s.day >= (now() AT TIME ZONE 'UTC')::date - $1::int
       AND a.status <> 'data_only'
     GROUP BY s.day
     ORDER BY s.day`,
    [days],
  );
  return rows.map((row) => ({
    day: row.day.toISOString().slice(0, 10),
    score: row.with_data ? roundToTenth((100 * (row.earned ?? 0)) / row.with_data) : null,
    riskAdjustedScore: row.with_data ? roundToTenth((100 * (row.adjusted ?? 0)) / row.with_data) : null,
    coverage: row.applicable ? roundToTenth((100 * (row.with_data ?? 0)) / row.applicable) : null,
    accounts: row.accounts,
  }));
}

/** The roll-up table next to the per-account sum it must equal, day by day. */
async function rollUpAndSum() {
  const rollUp = await database.pool.query<Record<string, unknown>>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, earned_weight, risk_adjusted_earned_weight, weight_with_data, weight_applicable, accounts
     FROM org_score_days ORDER BY day`,
  );
  const sum = await database.pool.query<Record<string, unknown>>(
    `SELECT to_char(s.day, 'YYYY-MM-DD') AS day, sum(s.earned_weight) AS earned_weight, sum(s.risk_adjusted_earned_weight) AS risk_adjusted_earned_weight,
            sum(s.weight_with_data) AS weight_with_data, sum(s.weight_applicable) AS weight_applicable, count(*)::int AS accounts
     FROM score_snapshots s JOIN accounts a ON a.id = s.account_id
     WHERE a.status <> 'data_only'
     GROUP BY s.day ORDER BY s.day`,
  );
  return { rollUp: rollUp.rows, sum: sum.rows };
}

async function expectRollUpEqualsSum() {
  const { rollUp, sum } = await rollUpAndSum();
  // Both are sums of the same float8 values; only the order of addition may differ.
  expect(rollUp.map((row) => row.day)).toEqual(sum.map((row) => row.day));
  rollUp.forEach((row, index) => {
    const expected = sum[index]!;
    expect(row.accounts).toBe(expected.accounts);
    for (const key of ["earned_weight", "risk_adjusted_earned_weight", "weight_with_data", "weight_applicable"]) {
      expect(row[key] as number).toBeCloseTo(expected[key] as number, 9);
    }
  });
  expect(await findOrgScoreTrend(ADMIN)).toEqual(await oracleTrend());
  return rollUp;
}

async function rollUpOf(days: number) {
  const { rows } = await database.pool.query<Weights & { accounts: number }>(
    `SELECT earned_weight AS earned, risk_adjusted_earned_weight AS adjusted, weight_with_data AS "withData",
            weight_applicable AS applicable, accounts
     FROM org_score_days WHERE day = $1::date`,
    [dayString(days)],
  );
  return rows[0] ?? null;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query(
    `INSERT INTO accounts (id, name, regions, status) VALUES
       ($1, 'one', '{us-east-1}', 'active'), ($2, 'two', '{us-east-1}', 'active'), ($3, 'three', '{us-east-1}', 'active'),
       ($4, 'four', '{us-east-1}', 'unreachable'), ($5::text, $5::text, '{}', 'data_only')`,
    [A1, A2, A3, A4, IMPORTED],
  );
});

afterAll(async () => {
  await database.drop();
});

describe("org_score_days: the org roll-up per day", () => {
  test("a second transaction scoring the same day waits for the first and counts its row", async () => {
    const first = await database.pool.connect();
    try {
      await first.query("BEGIN");
      await first.query(
        `INSERT INTO score_snapshots (account_id, day, taken_at, score, coverage, domains, items, checklist_version,
                                      earned_weight, risk_adjusted_earned_weight, weight_with_data, weight_applicable)
         VALUES ($1, $2::date, $3, 50, 75, '{}', '[]', 'test', 30, 36, 60, 80)`,
        [A1, dayString(3), daysAgo(3)],
      );
      const second = save(A2, daysAgo(3), { earned: 10, adjusted: 10, withData: 40, applicable: 50 });
      // The second scoring is blocked on the day's lock (not finished) while the first is open.
      await expect
        .poll(
          async () =>
            (
              await database.pool.query<{ waiting: number }>(
                "SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = 1765400",
              )
            ).rows[0]!.waiting,
          { timeout: 5000 },
        )
        .toBe(1);
      await first.query("COMMIT");
      await second;
    } finally {
      first.release();
    }
    // By hand: 30 + 10 earned, 36 + 10 adjusted, 60 + 40 with data, 80 + 50 applicable, 2 accounts.
    expect(await rollUpOf(3)).toEqual({ earned: 40, adjusted: 46, withData: 100, applicable: 130, accounts: 2 });
    await expectRollUpEqualsSum();
  });

  test("equals the per-account sum after several accounts are scored at once over several days", async () => {
    const weights: Record<string, Weights> = {
      [A1]: { earned: 30, adjusted: 36, withData: 60, applicable: 80 },
      [A2]: { earned: 10, adjusted: 10, withData: 40, applicable: 50 },
      [A3]: { earned: 5, adjusted: 5, withData: 20, applicable: 20 },
      [A4]: { earned: 0, adjusted: 0, withData: 0, applicable: 30 },
      [IMPORTED]: { earned: 7, adjusted: 7, withData: 7, applicable: 7 },
    };
    await Promise.all(
      [0, 1, 2, 8].flatMap((days) => Object.entries(weights).map(([account, figures]) => save(account, daysAgo(days), figures))),
    );
    // By hand, per day (the data_only account not counted): earned 45, adjusted 51, with data 120, applicable 180, 4 accounts.
    for (const days of [0, 1, 2, 8]) {
      expect(await rollUpOf(days)).toEqual({ earned: 45, adjusted: 51, withData: 120, applicable: 180, accounts: 4 });
    }
    const trend = await findOrgScoreTrend(ADMIN);
    // 100 x 45 / 120 = 37.5; 100 x 51 / 120 = 42.5; 100 x 120 / 180 = 66.7.
    expect(trend.find((point) => point.day === dayString(0))).toEqual({
      day: dayString(0),
      score: 37.5,
      riskAdjustedScore: 42.5,
      coverage: 66.7,
      accounts: 4,
    });
    expect(trend.map((point) => point.day)).toEqual([8, 3, 2, 1, 0].map(dayString));
    await expectRollUpEqualsSum();
  });

  test("a re-scoring of the same day replaces that account's part", async () => {
    await save(A1, new Date(today.getTime() + 3_600_000), { earned: 60, adjusted: 60, withData: 60, applicable: 80 });
    // 45 - 30 + 60 = 75 earned, 51 - 36 + 60 = 75 adjusted, the rest unchanged.
    expect(await rollUpOf(0)).toEqual({ earned: 75, adjusted: 75, withData: 120, applicable: 180, accounts: 4 });
    expect((await findOrgScoreTrend(ADMIN)).at(-1)).toMatchObject({ score: 62.5, riskAdjustedScore: 62.5 });
    await expectRollUpEqualsSum();
  });

  test("a past day written again, and a rebuild of the whole roll-up from the snapshots, give the same figures", async () => {
    await save(A2, daysAgo(2), { earned: 40, adjusted: 40, withData: 40, applicable: 50 });
    expect(await rollUpOf(2)).toEqual({ earned: 75, adjusted: 81, withData: 120, applicable: 180, accounts: 4 });
    const before = await expectRollUpEqualsSum();
    // The migration's backfill (what a rebuild runs) on the same snapshots.
    await database.pool.query("SELECT refresh_org_score_days(ARRAY(SELECT DISTINCT day FROM score_snapshots))");
    expect((await rollUpAndSum()).rollUp).toEqual(before);
  });

  test("registering an account known only from imported records counts its past days too", async () => {
    // The CLI's registration (INSERT ... ON CONFLICT DO UPDATE) promotes it from data_only to pending.
    await registerAccounts(
      database.pool,
      [
        {
          id: IMPORTED,
          name: "imported",
          roleArn: `arn:aws:iam::${IMPORTED}:role/Parapet`,
          externalId: "ext-1234",
          regions: ["us-east-1"],
          tags: {},
        },
      ],
      "test@example.com",
    );
    expect((await database.pool.query("SELECT status FROM accounts WHERE id = $1", [IMPORTED])).rows).toEqual([{ status: "pending" }]);
    // Its 7 of every weight join each of the days it has a snapshot (0, 1, 2, 8 days ago).
    expect(await rollUpOf(1)).toEqual({ earned: 52, adjusted: 58, withData: 127, applicable: 187, accounts: 5 });
    expect(await rollUpOf(3)).toEqual({ earned: 40, adjusted: 46, withData: 100, applicable: 130, accounts: 2 });
    await expectRollUpEqualsSum();
    // An update that does not change whether it is data_only leaves the roll-up alone (and still equal).
    await database.pool.query("UPDATE accounts SET status = 'active', last_collected_at = now() WHERE id = $1", [IMPORTED]);
    expect(await rollUpOf(1)).toEqual({ earned: 52, adjusted: 58, withData: 127, applicable: 187, accounts: 5 });
  });

  test("deleting an account removes it from every day; a day left without accounts has no row", async () => {
    await database.pool.query("DELETE FROM accounts WHERE id = $1", [A1]);
    expect(await rollUpOf(1)).toEqual({ earned: 22, adjusted: 22, withData: 67, applicable: 107, accounts: 4 });
    // 3 days ago: A2's 10 / 10 / 40 / 50 alone.
    expect(await rollUpOf(3)).toEqual({ earned: 10, adjusted: 10, withData: 40, applicable: 50, accounts: 1 });
    await database.pool.query("DELETE FROM score_snapshots WHERE account_id = $1 AND day = $2::date", [A2, dayString(3)]);
    expect(await rollUpOf(3)).toBeNull();
    await expectRollUpEqualsSum();
  });

  test("a user scoped to some accounts gets the sum of their own accounts' snapshots, not the org row", async () => {
    const scoped: SessionUser = {
      id: "2",
      email: "viewer@example.com",
      role: "viewer",
      scope: { all: false, accountIds: [A2], tags: [], ouIds: [] },
    };
    const trend = await findOrgScoreTrend(scoped);
    // A2 alone: today 10 / 40 -> 25.0, coverage 40 / 50 -> 80.0; two days ago 40 / 40 -> 100.
    expect(trend.map((point) => [point.day, point.score, point.coverage, point.accounts])).toEqual([
      [dayString(8), 25, 80, 1],
      [dayString(2), 100, 80, 1],
      [dayString(1), 25, 80, 1],
      [dayString(0), 25, 80, 1],
    ]);
  });
});

/** The overview's query before account_latest_scores (find-account-overview.ts), mapped the same way. */
async function oracleOverview() {
  const { rows } = await database.pool.query(
    `SELECT a.id, a.name, a.status, a.status_error, a.last_collected_at,
            s.score, s.risk_adjusted_score, s.coverage, s.day, s.domains, w.score AS week_ago_score, s.evidence_as_of,
            (SELECT max(src->>'asOf') FROM jsonb_array_elements(s.sources) src WHERE src->>'origin' = 'imported' AND src->>'state' = 'ok') AS imported_as_of,
            (SELECT count(*) FROM jsonb_array_elements(s.sources) src WHERE src->>'state' = 'stale')::int AS stale_sources,
            COALESCE(s.active_critical, 0)::int AS critical, COALESCE(s.active_high, 0)::int AS high,
            COALESCE(s.active_medium, 0)::int AS medium, COALESCE(s.active_low, 0)::int AS low,
            COALESCE(s.active_informational, 0)::int AS informational,
            COALESCE(r.failed_steps, 0)::int AS failed_steps, lr.status AS last_run_status
     FROM accounts a
     LEFT JOIN LATERAL (
       SELECT taken_at, score, risk_adjusted_score, coverage, day, domains, evidence_as_of, sources,
              active_critical, active_high, active_medium, active_low, active_informational
       FROM score_snapshots
       WHERE account_id = a.id ORDER BY day DESC LIMIT 1
     ) s ON true
     LEFT JOIN LATERAL (
       SELECT score FROM score_snapshots
       WHERE account_id = a.id AND day <= s.day - 7 ORDER BY day DESC LIMIT 1
     ) w ON true
     LEFT JOIN LATERAL (
       SELECT id, status FROM collection_runs WHERE account_id = a.id ORDER BY started_at DESC LIMIT 1
     ) lr ON true
     LEFT JOIN LATERAL (
       SELECT count(*) AS failed_steps FROM collection_steps WHERE run_id = lr.id AND status = 'failed'
     ) r ON true
     WHERE (a.status <> 'data_only' OR s.taken_at IS NOT NULL)
     ORDER BY s.score ASC NULLS FIRST, a.name ASC`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    statusError: row.status_error,
    lastCollectedAt: row.last_collected_at,
    score: row.score,
    riskAdjustedScore: row.risk_adjusted_score,
    coverage: row.coverage,
    critical: row.critical,
    high: row.high,
    medium: row.medium,
    low: row.low,
    informational: row.informational,
    failedSteps: row.failed_steps,
    lastRunStatus: row.last_run_status,
    scoredDay: row.day ? row.day.toISOString().slice(0, 10) : null,
    weekAgoScore: row.week_ago_score === null ? null : Number(row.week_ago_score),
    domains: Object.fromEntries(
      Object.entries((row.domains ?? {}) as Record<string, { score?: number | null; coverage?: number | null }>).map(([name, figures]) => [
        name,
        { score: figures.score ?? null, coverage: figures.coverage ?? null },
      ]),
    ),
    evidenceAsOf: row.evidence_as_of,
    importedAsOf: row.imported_as_of ? new Date(row.imported_as_of) : null,
    staleSources: row.stale_sources ?? 0,
  }));
}

describe("account_latest_scores: the overview's row per account", () => {
  const B1 = "666666666666"; // imported and stale sources, a week-old snapshot, a failed step
  const B2 = "777777777777"; // never scored, a partial run
  const B3 = "888888888888"; // imported only (data_only), scored
  const source = (values: Partial<ScoreSource>): ScoreSource => ({
    source: "guardduty",
    region: "us-east-1",
    state: "ok",
    origin: "collected",
    asOf: daysAgo(0),
    ...values,
  });

  test("the overview equals the old query on accounts with imported and stale sources, week-old snapshots and failed steps", async () => {
    await database.pool.query(
      `INSERT INTO accounts (id, name, regions, status) VALUES ($1, 'b-one', '{us-east-1}', 'active'), ($2, 'b-two', '{us-east-1}', 'pending'),
         ($3::text, $3::text, '{}', 'data_only')`,
      [B1, B2, B3],
    );
    await save(B1, daysAgo(10), { earned: 10, adjusted: 10, withData: 20, applicable: 40 });
    await save(B1, daysAgo(6), { earned: 12, adjusted: 12, withData: 20, applicable: 40 });
    await save(B1, daysAgo(0), { earned: 15, adjusted: 16, withData: 20, applicable: 40 }, [
      source({ origin: "imported", asOf: new Date(today.getTime() - 5 * 3_600_000) }),
      source({ origin: "imported", region: "eu-west-1", asOf: new Date(today.getTime() - 2 * 3_600_000) }),
      source({ origin: "imported", source: "cloudtrail", state: "stale", asOf: daysAgo(20) }),
      source({ source: "securityhub", state: "stale", asOf: daysAgo(9) }),
      source({ source: "cloudtrail" }),
    ]);
    await save(B3, daysAgo(0), { earned: 3, adjusted: 3, withData: 4, applicable: 4 }, [
      source({ origin: "imported", asOf: new Date(today.getTime() - 3_600_000) }),
    ]);
    const runs = await database.pool.query<{ id: string }>(
      `INSERT INTO collection_runs (account_id, status, started_at) VALUES
         ($1, 'succeeded', now() - interval '2 days'), ($1, 'partial', now() - interval '1 hour'), ($2, 'failed', now())
       RETURNING id::text`,
      [B1, B2],
    );
    await database.pool.query(
      `INSERT INTO collection_steps (run_id, account_id, region, source, status) VALUES
         ($1, $3, 'us-east-1', 'guardduty', 'failed'), ($2, $3, 'us-east-1', 'guardduty', 'failed'), ($2, $3, 'eu-west-1', 'cloudtrail', 'failed'),
         ($2, $3, 'us-east-1', 'securityhub', 'succeeded')`,
      [runs.rows[0]!.id, runs.rows[1]!.id, B1],
    );
    const overview = await findAccountOverview(ADMIN);
    expect(overview).toEqual(await oracleOverview());
    // By hand for B1: score 100 x 15 / 20 = 75, last week's (10 days ago, the latest at least 7 older) 50,
    // imported as of 2 hours before noon (the newest ok imported source), 2 stale sources, 2 failed steps in the latest run.
    expect(overview.find((row) => row.id === B1)).toMatchObject({
      score: 75,
      riskAdjustedScore: 80,
      weekAgoScore: 50,
      importedAsOf: new Date(today.getTime() - 2 * 3_600_000),
      staleSources: 2,
      failedSteps: 2,
      lastRunStatus: "partial",
      scoredDay: dayString(0),
      domains: { identity_access: { score: 75, coverage: 50 }, network: { score: 75, coverage: 50 } },
    });
    expect(overview.find((row) => row.id === B2)).toMatchObject({ score: null, lastRunStatus: "failed", failedSteps: 0, staleSources: 0 });
    expect(overview.find((row) => row.id === B3)).toMatchObject({ status: "data_only", score: 75, weekAgoScore: null });
  });

  test("it follows a past day written later, a snapshot removed and an account deleted", async () => {
    // A snapshot 8 days ago becomes B1's "last week" (the latest at least 7 days older than today's).
    await save(B1, daysAgo(8), { earned: 5, adjusted: 5, withData: 20, applicable: 40 });
    expect((await findAccountOverview(ADMIN)).find((row) => row.id === B1)).toMatchObject({ weekAgoScore: 25 });
    // Today's removed: the snapshot 6 days ago is the latest (60), and none is 13 or more days old.
    await database.pool.query("DELETE FROM score_snapshots WHERE account_id = $1 AND day = $2::date", [B1, dayString(0)]);
    expect((await findAccountOverview(ADMIN)).find((row) => row.id === B1)).toMatchObject({
      score: 60,
      weekAgoScore: null,
      scoredDay: dayString(6),
      importedAsOf: null,
      staleSources: 0,
    });
    await database.pool.query("DELETE FROM accounts WHERE id = $1", [B3]);
    const overview = await findAccountOverview(ADMIN);
    expect(overview.some((row) => row.id === B3)).toBe(false);
    expect(overview).toEqual(await oracleOverview());
    const { rows } = await database.pool.query("SELECT account_id FROM account_latest_scores WHERE account_id = $1", [B3]);
    expect(rows).toEqual([]);
  });

  test("the accounts list's score and coverage equal the old LATERAL into the latest snapshot", async () => {
    const { rows } = await database.pool.query<{ id: string; score: number | null; coverage: number | null }>(
      `SELECT a.id, s.score, s.coverage FROM accounts a
       LEFT JOIN LATERAL (SELECT score, coverage FROM score_snapshots WHERE account_id = a.id ORDER BY day DESC LIMIT 1) s ON true
       ORDER BY a.name ASC, a.id ASC`,
    );
    const list = await findAccounts(ADMIN);
    expect(list.map((row) => ({ id: row.id, score: row.score, coverage: row.coverage }))).toEqual(rows);
    // B1's latest is now the snapshot 6 days ago: 100 x 12 / 20 = 60, coverage 20 / 40 = 50; B2 was never scored.
    expect(list.find((row) => row.id === B1)).toMatchObject({ score: 60, coverage: 50 });
    expect(list.find((row) => row.id === B2)).toMatchObject({ score: null, coverage: null });
  });
});
