import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { findAccountAttemptSignals, MAX_ATTEMPT_EVENTS } from "@/lib/data/checklist/find-account-attempt-signals";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The account page's attempt signals read from PostgreSQL: only failed events that some
 * signal can match are read, so thousands of an application's denied calls newer than a
 * refused StopLogging do not push it out of the read; and when the candidates themselves
 * exceed the cap, every count is marked as a lower bound. Figures worked out by hand.
 */

const ACCOUNT = "740000000001";
const NOISY = "740000000002";
const ADMIN: SessionUser = { id: "1", email: "admin@example.com", role: "admin", scope: { all: true } };
const OTHER: SessionUser = {
  id: "2",
  email: "o@example.com",
  role: "viewer",
  scope: { all: false, accountIds: [NOISY], tags: [], ouIds: [] },
};
const NOW = new Date();
let database: TestDatabase;

/** `count` failed events of one kind, `minutesApart` apart, the newest `hoursAgo` hours ago. */
async function insertFailed(
  account: string,
  prefix: string,
  values: { name: string; source: string; userType: string; hoursAgo: number; count?: number; signIn?: boolean },
) {
  const userArn = values.userType === "Root" ? `arn:aws:iam::${account}:root` : `arn:aws:iam::${account}:user/app`;
  const raw = values.signIn
    ? { errorMessage: "Failed authentication", responseElements: { ConsoleLogin: "Failure" }, eventType: "AwsConsoleSignIn" }
    : { errorCode: "AccessDenied", errorMessage: "not authorized", eventType: "AwsApiCall" };
  await database.pool.query(
    `INSERT INTO cloudtrail_events (event_id, account_id, region, event_name, event_source, event_time, user_type, user_arn, error_code, raw)
     SELECT $1 || n, $2, 'us-east-1', $3, $4, $5::timestamptz - n * interval '1 second', $6, $7, $8, $9::jsonb
     FROM generate_series(1, $10::int) AS n`,
    [
      prefix,
      account,
      values.name,
      values.source,
      new Date(NOW.getTime() - values.hoursAgo * 3_600_000),
      values.userType,
      userArn,
      values.signIn ? null : "AccessDenied",
      JSON.stringify({ ...raw, userIdentity: { type: values.userType, arn: userArn } }),
      values.count ?? 1,
    ],
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  for (const id of [ACCOUNT, NOISY])
    await database.pool.query("INSERT INTO accounts (id, name, regions, status) VALUES ($1, $2, '{us-east-1}', 'active')", [
      id,
      `account ${id}`,
    ]);
  // ACCOUNT: one refused StopLogging ten days ago, one failed root sign-in, and newer than
  // both 6,000 denied S3 reads by an application (no signal judges those).
  await insertFailed(ACCOUNT, "stop-", { name: "StopLogging", source: "cloudtrail.amazonaws.com", userType: "IAMUser", hoursAgo: 240 });
  await insertFailed(ACCOUNT, "root-", {
    name: "ConsoleLogin",
    source: "signin.amazonaws.com",
    userType: "Root",
    hoursAgo: 100,
    signIn: true,
  });
  await insertFailed(ACCOUNT, "s3-", { name: "GetObject", source: "s3.amazonaws.com", userType: "IAMUser", hoursAgo: 1, count: 6000 });
  // Outside the 30-day window: not counted.
  await insertFailed(ACCOUNT, "old-", {
    name: "ConsoleLogin",
    source: "signin.amazonaws.com",
    userType: "Root",
    hoursAgo: 31 * 24,
    signIn: true,
  });
  // NOISY: more failed IAM-user sign-ins than the cap, and one refused DeleteDetector older than all of them.
  await insertFailed(NOISY, "gd-", { name: "DeleteDetector", source: "guardduty.amazonaws.com", userType: "IAMUser", hoursAgo: 48 });
  await insertFailed(NOISY, "login-", {
    name: "ConsoleLogin",
    source: "signin.amazonaws.com",
    userType: "IAMUser",
    hoursAgo: 2,
    count: MAX_ATTEMPT_EVENTS + 10,
    signIn: true,
  });
});

afterAll(async () => {
  await database?.drop();
});

describe("findAccountAttemptSignals", () => {
  test("denied calls no signal judges neither crowd out nor count: the refused StopLogging and the failed root sign-in are found", async () => {
    const signals = await findAccountAttemptSignals(ADMIN, ACCOUNT, NOW);
    expect(signals.map((signal) => [signal.kind, signal.count, signal.atLeast ?? false])).toEqual([
      ["failed_root_sign_in", 1, false],
      ["denied_logging_tampering", 1, false],
    ]);
    expect(signals[1]!.eventIds).toEqual(["stop-1"]);
  });

  test("a flood of failed sign-ins past the cap is a lower bound and does not hide an older refused DeleteDetector", async () => {
    const signals = await findAccountAttemptSignals(ADMIN, NOISY, NOW);
    expect(signals.map((signal) => [signal.kind, signal.count, signal.atLeast ?? false])).toEqual([
      ["failed_console_sign_in", MAX_ATTEMPT_EVENTS, true],
      ["denied_detection_disabling", 1, false],
    ]);
  });

  test("a refused DisableKey counts only on a trail's key", async () => {
    const KMS = "740000000003";
    await database.pool.query("INSERT INTO accounts (id, name, regions, status) VALUES ($1, $2, '{us-east-1}', 'active')", [
      KMS,
      "kms account",
    ]);
    await insertFailed(KMS, "kms-", { name: "DisableKey", source: "kms.amazonaws.com", userType: "IAMUser", hoursAgo: 5 });
    await database.pool.query(
      `UPDATE cloudtrail_events SET raw = raw || '{"requestParameters": {"keyId": "arn:aws:kms:us-east-1:740000000003:key/trail-key"}}'
       WHERE account_id = $1`,
      [KMS],
    );
    expect(await findAccountAttemptSignals(ADMIN, KMS, NOW)).toEqual([]);
    await database.pool.query(
      `INSERT INTO trails (account_id, trail_arn, name, home_region, is_multi_region, is_logging, log_file_validation, kms_key_id, raw)
       VALUES ($1, 'arn:aws:cloudtrail:us-east-1:740000000003:trail/org', 'org', 'us-east-1', true, true, true,
               'arn:aws:kms:us-east-1:740000000003:key/trail-key', '{}')`,
      [KMS],
    );
    const signals = await findAccountAttemptSignals(ADMIN, KMS, NOW);
    expect(signals.map((signal) => [signal.kind, signal.count])).toEqual([["denied_logging_tampering", 1]]);
  });

  test("another account's user gets nothing for this account", async () => {
    expect(await findAccountAttemptSignals(OTHER, ACCOUNT, NOW)).toEqual([]);
  });
});
