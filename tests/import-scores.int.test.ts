import type { SessionUser } from "@/lib/auth";
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findAccountOverview } from "@/lib/data/overview/find-account-overview";
import { closeDb } from "@/lib/db";
import { setDatabaseUrl } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * A folder of AWS-format files for three accounts, imported and scored through the real
 * `parapet` command, then read back with `parapet scores --json`. Every expected status and
 * figure is worked out by hand below from CHECKLIST.md (weights: critical 10, high 6,
 * medium 3, low 1; 67 items weighing 10×10 + 21×6 + 27×3 + 9×1 = 316).
 *
 * All records are in us-east-1 and name only account-level or IAM-user resources, so no
 * service counts as used: with Security Hub present, every uses_service item is
 * not_applicable; without it (account C) they are no_data. Times are relative to now so
 * the imported evidence is fresh (newest record an hour old).
 */
const ROOT = path.resolve(__dirname, "..");
const CLEAN = "111111111111";
const NEGLECTED = "222222222222";
const DARK = "333333333333"; // Security Hub and GuardDuty off: CloudTrail only
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.now();
const iso = (msAgo: number) => new Date(now - msAgo).toISOString();

let database: TestDatabase;
let dir: string;
let sequence = 0;

function control(
  account: string,
  controlId: string,
  status: "PASSED" | "FAILED",
  resource: { type: string; id: string } = { type: "AwsAccount", id: `AWS::::Account:${account}` },
  extra: Record<string, unknown> = {},
) {
  sequence += 1;
  return {
    SchemaVersion: "2018-10-08",
    Id: `arn:aws:securityhub:us-east-1:${account}:security-control/${controlId}/finding/00000000-0000-4000-8000-${String(sequence).padStart(12, "0")}`,
    ProductArn: "arn:aws:securityhub:us-east-1::product/aws/securityhub",
    ProductName: "Security Hub",
    CompanyName: "AWS",
    GeneratorId: `security-control/${controlId}`,
    AwsAccountId: account,
    Region: "us-east-1",
    Types: ["Software and Configuration Checks/Industry and Regulatory Standards"],
    CreatedAt: iso(20 * DAY),
    UpdatedAt: iso(HOUR),
    FirstObservedAt: iso(20 * DAY),
    LastObservedAt: iso(HOUR),
    Severity: { Label: "MEDIUM", Normalized: 40, Original: "MEDIUM" },
    Title: `${controlId} check`,
    Description: `${controlId} check`,
    ProductFields: { "aws/securityhub/ProductName": "Security Hub" },
    Compliance: { Status: status, SecurityControlId: controlId },
    Resources: [{ Type: resource.type, Id: resource.id, Partition: "aws", Region: "us-east-1" }],
    Workflow: { Status: "NEW" },
    WorkflowState: "NEW",
    RecordState: "ACTIVE",
    ...extra,
  };
}

function guardDuty(account: string, id: string, severity: number, firstSeenAgo: number, archived = false) {
  return {
    schemaVersion: "2.0",
    accountId: account,
    region: "us-east-1",
    partition: "aws",
    id,
    arn: `arn:aws:guardduty:us-east-1:${account}:detector/12abc34d567e8fa901bc2d34e56789f0/finding/${id}`,
    type: "UnauthorizedAccess:IAMUser/MaliciousIPCaller",
    resource: {
      resourceType: "AccessKey",
      accessKeyDetails: { accessKeyId: "ASIAEXAMPLE", principalId: "AIDAEXAMPLE", userName: "deployer", userType: "IAMUser" },
    },
    service: {
      serviceName: "guardduty",
      detectorId: "12abc34d567e8fa901bc2d34e56789f0",
      archived,
      count: 2,
      eventFirstSeen: iso(firstSeenAgo),
      eventLastSeen: iso(2 * HOUR),
    },
    severity,
    createdAt: iso(firstSeenAgo),
    updatedAt: iso(HOUR),
    title: "API called from a known malicious IP address.",
    description: "An API was used to access a resource from a known malicious IP address.",
  };
}

function trailEvent(account: string, fields: Record<string, unknown>) {
  sequence += 1;
  return {
    eventVersion: "1.08",
    userIdentity: {
      type: "IAMUser",
      principalId: "AIDAEXAMPLE",
      arn: `arn:aws:iam::${account}:user/anaya`,
      accountId: account,
      userName: "anaya",
    },
    eventTime: iso(2 * DAY),
    awsRegion: "us-east-1",
    sourceIPAddress: "192.0.2.0",
    userAgent: "Mozilla/5.0",
    requestParameters: null,
    responseElements: null,
    eventID: `10000000-0000-4000-8000-${String(sequence).padStart(12, "0")}`,
    eventType: "AwsApiCall",
    recipientAccountId: account,
    ...fields,
  };
}

const signIn = (account: string, outcome: "Success" | "Failure", mfa: "Yes" | "No", identity?: Record<string, unknown>) =>
  trailEvent(account, {
    ...(identity ? { userIdentity: identity } : {}),
    eventSource: "signin.amazonaws.com",
    eventName: "ConsoleLogin",
    eventType: "AwsConsoleSignIn",
    eventTime: iso(HOUR),
    ...(outcome === "Failure" ? { errorMessage: "Failed authentication" } : {}),
    responseElements: { ConsoleLogin: outcome },
    additionalEventData: { LoginTo: "https://console.aws.amazon.com/console/home", MobileVersion: "No", MFAUsed: mfa },
  });

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/parapet.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url, PARAPET_DATA_DIR: path.join(ROOT, ".data-test-unused") },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), "parapet-import-scores-"));
  const user = (account: string, name: string) => ({ type: "AwsIamUser", id: `arn:aws:iam::${account}:user/${name}` });
  const checks = [
    "IAM.4",
    "IAM.9",
    "IAM.1",
    "CloudTrail.1",
    "CloudTrail.4",
    "CloudTrail.2",
    "CloudTrail.5",
    "Config.1",
    "GuardDuty.1",
    "S3.1",
  ];
  await mkdir(path.join(dir, "securityhub"));
  await mkdir(path.join(dir, "guardduty", "AWSLogs"), { recursive: true });
  await mkdir(path.join(dir, "cloudtrail"));

  // Clean: every check passes.
  await writeFile(
    path.join(dir, "securityhub", "clean-findings.json"),
    JSON.stringify({
      Findings: [...checks.map((id) => control(CLEAN, id, "PASSED")), control(CLEAN, "IAM.5", "PASSED", user(CLEAN, "anaya"))],
    }),
  );
  // Neglected: everything but GuardDuty.1 fails, one of two console users lacks MFA, and a
  // legacy CIS v1.2.0 copy of IAM.4 for the same resource must not count twice.
  const legacyIam4 = {
    ...control(NEGLECTED, "IAM.4", "FAILED"),
    Id: `arn:aws:securityhub:us-east-1:${NEGLECTED}:subscription/cis-aws-foundations-benchmark/v/1.2.0/1.12/finding/legacy-1`,
    GeneratorId: "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.12",
    ProductFields: { StandardsGuideArn: "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0", RuleId: "1.12" },
    Compliance: { Status: "FAILED" },
  };
  await writeFile(
    path.join(dir, "securityhub", "neglected.ndjson.log"),
    [
      ...checks.map((id) => control(NEGLECTED, id, id === "GuardDuty.1" ? "PASSED" : "FAILED")),
      control(NEGLECTED, "IAM.5", "PASSED", user(NEGLECTED, "anaya")),
      control(NEGLECTED, "IAM.5", "FAILED", user(NEGLECTED, "bob")),
      legacyIam4,
    ]
      .map((record) => JSON.stringify(record))
      .join("\n"),
  );
  // GuardDuty's own S3 export objects (.jsonl.gz).
  await writeFile(
    path.join(dir, "guardduty", "AWSLogs", "clean.jsonl.gz"),
    gzipSync(`${JSON.stringify(guardDuty(CLEAN, "a1", 2, 3 * DAY))}\n`),
  );
  await writeFile(
    path.join(dir, "guardduty", "AWSLogs", "neglected.jsonl.gz"),
    gzipSync(
      `${JSON.stringify(guardDuty(NEGLECTED, "b1", 8, 40 * DAY))}\n${JSON.stringify(guardDuty(NEGLECTED, "b2", 8, 3 * DAY, true))}\n`,
    ),
  );
  // CloudTrail log files.
  const root = (account: string) => ({ type: "Root", principalId: account, arn: `arn:aws:iam::${account}:root`, accountId: account });
  await writeFile(
    path.join(dir, "cloudtrail", "clean.json.gz"),
    gzipSync(
      JSON.stringify({
        Records: [
          signIn(CLEAN, "Success", "Yes"),
          signIn(CLEAN, "Failure", "No"),
          trailEvent(CLEAN, {
            eventSource: "cloudtrail.amazonaws.com",
            eventName: "StopLogging",
            errorCode: "AccessDenied",
            errorMessage: "not authorized",
          }),
        ],
      }),
    ),
  );
  await writeFile(
    path.join(dir, "cloudtrail", "neglected.json"),
    JSON.stringify({
      Records: [
        signIn(NEGLECTED, "Success", "No", root(NEGLECTED)),
        trailEvent(NEGLECTED, { eventSource: "cloudtrail.amazonaws.com", eventName: "StopLogging", requestParameters: { name: "main" } }),
        trailEvent(NEGLECTED, {
          eventSource: "guardduty.amazonaws.com",
          eventName: "DeleteDetector",
          requestParameters: { detectorId: "12abc34d567e8fa901bc2d34e56789f0" },
        }),
      ],
    }),
  );
  await writeFile(
    path.join(dir, "cloudtrail", "dark.json"),
    JSON.stringify({ Records: [signIn(DARK, "Success", "Yes"), signIn(DARK, "Failure", "No")] }),
  );
  // A record naming a placeholder account is skipped, with its position.
  await writeFile(path.join(dir, "cloudtrail", "placeholder.json"), JSON.stringify({ Records: [signIn("ACCOUNT_ID", "Success", "Yes")] }));
});

afterAll(async () => {
  await closeDb();
  await rm(dir, { recursive: true, force: true });
  await database?.drop();
});

type Scores = Array<{
  accountId: string;
  score: number | null;
  coverage: number | null;
  items: Array<{ itemId: string; status: string; passing: number | null; total: number | null }>;
  evidence: string;
}>;

describe("parapet import scores what it imported", () => {
  let scores: Scores;

  test("import names the three accounts, skips the placeholder with its position, and scores them", async () => {
    const empty = await run(["scores"]);
    expect(empty.stdout.trim().split("\n")).toEqual([
      "No accounts to show yet: register one (parapet accounts add) or import AWS files (parapet import PATH).",
    ]);

    const imported = await run(["import", dir, "--json"]);
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as {
      accounts: string[];
      skipped: Array<{ file: string; position: string; reason: string }>;
      scored: Array<{ accountId: string; origin: string }>;
    };
    expect(report.accounts).toEqual([CLEAN, NEGLECTED, DARK]);
    expect(report.scored.map((account) => [account.accountId, account.origin])).toEqual([
      [CLEAN, "imported"],
      [NEGLECTED, "imported"],
      [DARK, "imported"],
    ]);
    expect(report.skipped.map((problem) => `${path.basename(problem.file)} ${problem.position}: ${problem.reason}`)).toEqual([
      'placeholder.json Records[0]: recipientAccountId: expected a 12-digit account id, got "ACCOUNT_ID"',
    ]);

    const listed = await run(["scores", "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    scores = JSON.parse(listed.stdout) as Scores;
    expect(scores.map((account) => account.accountId)).toEqual([CLEAN, NEGLECTED, DARK]);
    for (const account of scores) expect(account.evidence).toMatch(/^imported as of \d{4}-/);
  });

  const statuses = (accountId: string) =>
    Object.fromEntries(scores.find((account) => account.accountId === accountId)!.items.map((item) => [item.itemId, item.status]));
  const ALWAYS_WITHOUT_DATA = ["IAM-07", "IAM-08", "IAM-09", "IAM-10", "IAM-11", "IAM-12", "LOG-05", "LOG-16", "GOV-02", "GOV-03"];
  const DECIDED = [
    "IAM-01",
    "IAM-02",
    "IAM-03",
    "IAM-04",
    "IAM-05",
    "IAM-06",
    "DATA-02",
    "LOG-01",
    "LOG-02",
    "LOG-03",
    "LOG-04",
    "LOG-06",
    "LOG-07",
    "LOG-08",
    "LOG-11",
    "LOG-12",
    "LOG-13",
    "LOG-14",
    "GOV-01",
  ];

  test("clean: every decided item passes, nothing fails; score 100, coverage 114/143", () => {
    const clean = statuses(CLEAN);
    expect(Object.entries(clean).filter(([, status]) => status === "fail" || status === "partial")).toEqual([]);
    for (const id of DECIDED) expect(clean[id], id).toBe("pass");
    for (const id of ALWAYS_WITHOUT_DATA) expect(clean[id], id).toBe("no_data");
    // The 38 uses_service items: no service in use, Security Hub read in the only region.
    expect(Object.values(clean).filter((status) => status === "not_applicable")).toHaveLength(38);
    const account = scores.find((candidate) => candidate.accountId === CLEAN)!;
    // With data: IAM-01 10, IAM-02 10, IAM-03 6, IAM-04 6, IAM-05 6, IAM-06 6, DATA-02 6, LOG-01 10, LOG-02 3, LOG-03 3,
    // LOG-04 1, LOG-06 3, LOG-07 6, LOG-08 6, LOG-11 10, LOG-12 3, LOG-13 10, LOG-14 6, GOV-01 3 = 114; without data 29.
    expect(account.score).toBe(100);
    expect(account.coverage).toBe(79.7); // 100 × 114 / 143 = 79.72
  });

  test("neglected: failures where the records fail, the legacy copy counted once; score 18/114", () => {
    const neglected = statuses(NEGLECTED);
    const expected: Record<string, string> = {
      "IAM-01": "fail",
      "IAM-02": "fail",
      "IAM-03": "fail", // root signed in
      "IAM-04": "partial", // 1 of 2 users
      "IAM-05": "fail", // root signed in without MFA
      "IAM-06": "fail",
      "DATA-02": "fail",
      "LOG-01": "fail", // CloudTrail.1 FAILED (trail state not imported: fallback)
      "LOG-02": "fail",
      "LOG-03": "fail",
      "LOG-04": "fail",
      "LOG-06": "fail",
      "LOG-07": "pass", // its GuardDuty findings prove a detector was on
      "LOG-08": "pass",
      "LOG-11": "fail", // active HIGH finding (the archived one does not count)
      "LOG-12": "fail", // open for 40 days
      "LOG-13": "fail", // StopLogging succeeded
      "LOG-14": "fail", // DeleteDetector succeeded
      "GOV-01": "pass",
    };
    expect(Object.fromEntries(DECIDED.map((id) => [id, neglected[id]]))).toEqual(expected);
    const account = scores.find((candidate) => candidate.accountId === NEGLECTED)!;
    const iam01 = account.items.find((item) => item.itemId === "IAM-01")!;
    expect([iam01.passing, iam01.total]).toEqual([0, 1]);
    // Earned: IAM-04 6 × 1/2 + LOG-07 6 + LOG-08 6 + GOV-01 3 = 18 of 114 → 15.789.
    expect(account.score).toBe(15.8);
    expect(account.coverage).toBe(79.7);
  });

  test("Security Hub and GuardDuty off: only the CloudTrail items are decided; score 100 over 28 of 316", () => {
    const dark = statuses(DARK);
    const decided = Object.entries(dark).filter(([, status]) => status !== "no_data");
    expect(decided).toEqual([
      ["IAM-03", "pass"],
      ["IAM-05", "pass"], // the failed sign-in is not a sign-in
      ["LOG-13", "pass"],
      ["LOG-14", "pass"],
    ]);
    const account = scores.find((candidate) => candidate.accountId === DARK)!;
    expect(account.score).toBe(100);
    expect(account.coverage).toBe(8.9); // 100 × (6 + 6 + 10 + 6) / 316 = 8.86
  });

  test("the overview lists the imported accounts with 'imported as of' under their coverage", async () => {
    setDatabaseUrl(database.url);
    const rows = await findAccountOverview({
      id: "admin",
      email: "admin@example.com",
      role: "admin",
      scope: { all: true },
    } satisfies SessionUser);
    expect(rows.map((row) => [row.id, row.coverage, row.staleSources]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      [CLEAN, 79.7, 0],
      [NEGLECTED, 79.7, 0],
      [DARK, 8.9, 0],
    ]);
    // Newest imported record: the sign-ins and control findings an hour before the files were written.
    for (const row of rows) expect(Math.abs(row.importedAsOf!.getTime() - (now - HOUR))).toBeLessThan(1000);
  });

  test("parapet score rescores one account on demand", async () => {
    const result = await run(["score", "--account", CLEAN]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toMatch(new RegExp(`^${CLEAN}  score 100.0  coverage  79.7%  \\(imported as of \\d{4}-`));
  });
});
