/**
 * `parapet import` against a real PostgreSQL: hand-written files in every shape the issue
 * names, the reference samples in ../shared/aws/samples when that folder exists, and the
 * CLI itself as a child process.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { normaliseAsffFinding } from "@/lib/aws/normalise/normalise-asff-finding";
import { normaliseCloudTrailEvent } from "@/lib/aws/normalise/normalise-cloudtrail-event";
import { normaliseGuardDutyFinding } from "@/lib/aws/normalise/normalise-guardduty-finding";
import type { NormalisedEvent, NormalisedFinding } from "@/lib/aws/normalise/types";
import { readAwsRecordFiles } from "@/lib/formats/read-aws-records";
import { importAwsFiles, type ImportReport } from "@/lib/import/import-aws-files";

import { createTestDatabase, type TestDatabase } from "./support/test-database";

const ROOT = path.resolve(__dirname, "..");
const SAMPLES_DIR = path.resolve(__dirname, "../../shared/aws/samples");

const guardDutyPascal = {
  SchemaVersion: "2.0",
  Id: "gd-pascal-1",
  Arn: "arn:aws:guardduty:eu-west-1:111111111111:detector/d1/finding/gd-pascal-1",
  AccountId: "111111111111",
  Region: "eu-west-1",
  Partition: "aws",
  Type: "UnauthorizedAccess:EC2/SSHBruteForce",
  Title: "SSH brute force attacks against i-0abc.",
  Description: "i-0abc is being probed.",
  Severity: 8,
  CreatedAt: "2026-11-01T10:00:00.000Z",
  UpdatedAt: "2026-11-02T10:00:00.000Z",
  Resource: { ResourceType: "Instance", InstanceDetails: { InstanceId: "i-0abc" } },
  Service: { Archived: false, Count: 3, EventFirstSeen: "2026-11-01T09:00:00.000Z", EventLastSeen: "2026-11-02T09:00:00.000Z" },
};
/** The same finding as an earlier GetFindings page saw it: older, lower severity. Must not win. */
const guardDutyPascalOlder = { ...guardDutyPascal, Severity: 2, UpdatedAt: "2026-11-01T10:00:00.000Z" };

const guardDutyCamel = {
  schemaVersion: "2.0",
  id: "gd-camel-1",
  accountId: "222222222222",
  region: "us-west-2",
  partition: "aws",
  type: "Policy:IAMUser/RootCredentialUsage",
  title: "Root credentials used.",
  severity: 2.5,
  createdAt: "2026-11-03T10:00:00.000Z",
  updatedAt: "2026-11-03T11:00:00.000Z",
  resource: { resourceType: "AccessKey", accessKeyDetails: { userName: "Root", principalId: "222222222222" } },
  service: { archived: false },
};

const asffGood = {
  SchemaVersion: "2018-10-08",
  Id: "arn:aws:securityhub:eu-central-1:333333333333:subscription/aws-foundational-security-best-practices/v/1.0.0/S3.8/finding/f-1",
  ProductArn: "arn:aws:securityhub:eu-central-1::product/aws/securityhub",
  GeneratorId: "aws-foundational-security-best-practices/v/1.0.0/S3.8",
  AwsAccountId: "333333333333",
  Region: "eu-central-1",
  Types: ["Software and Configuration Checks/Industry and Regulatory Standards"],
  Title: "S3 general purpose buckets should block public access",
  CreatedAt: "2026-11-01T00:00:00.000Z",
  UpdatedAt: "2026-11-04T00:00:00.000Z",
  Severity: { Label: "HIGH", Normalized: 70 },
  Compliance: { Status: "FAILED", SecurityControlId: "S3.8" },
  Workflow: { Status: "NEW" },
  RecordState: "ACTIVE",
  Resources: [{ Type: "AwsS3Bucket", Id: "arn:aws:s3:::public-bucket", Region: "eu-central-1" }],
};
const asffBadAccount = { ...asffGood, Id: `${asffGood.Id}-bad`, AwsAccountId: "33333" };
/** Prowler-style ASFF, one per line in the NDJSON file. */
const asffProwler = {
  ...asffGood,
  Id: "prowler-aws-iam_root_mfa_enabled-444444444444-us-east-1-root",
  ProductArn: "arn:aws:securityhub:us-east-1::product/prowler/prowler",
  ProductName: "Prowler",
  AwsAccountId: "444444444444",
  Region: "us-east-1",
  Severity: { Label: "CRITICAL" },
  Compliance: { Status: "FAILED" },
  Resources: [{ Type: "AwsIamUser", Id: "arn:aws:iam::444444444444:root" }],
};

const trailEvent = (id: string, account: string, region: string, name: string) => ({
  eventVersion: "1.09",
  userIdentity: { type: "IAMUser", arn: `arn:aws:iam::${account}:user/alice`, accountId: account, userName: "alice" },
  eventTime: "2026-11-05T12:00:00Z",
  eventSource: "iam.amazonaws.com",
  eventName: name,
  awsRegion: region,
  sourceIPAddress: "198.51.100.7",
  eventID: id,
  readOnly: false,
  eventType: "AwsApiCall",
  recipientAccountId: account,
});

async function writeFixtures(dir: string): Promise<void> {
  await writeFile(path.join(dir, "asff-findings.json"), JSON.stringify({ Findings: [asffGood, asffBadAccount] }));
  await writeFile(
    path.join(dir, "gd-eventbridge.json"),
    JSON.stringify({ version: "0", "detail-type": "GuardDuty Finding", source: "aws.guardduty", detail: guardDutyCamel }),
  );
  await writeFile(path.join(dir, "gd-pascal.json"), JSON.stringify({ Findings: [guardDutyPascal] }));
  // Sorts after gd-pascal.json, so the older copy arrives after the newer one.
  await writeFile(path.join(dir, "gd-z-older-copy.jsonl"), `${JSON.stringify(guardDutyPascalOlder)}\n`);
  await writeFile(
    path.join(dir, "mixed.ndjson"),
    [JSON.stringify(asffProwler), "{oops", JSON.stringify(trailEvent("ev-3", "555555555555", "ap-southeast-2", "DeleteUser"))].join("\n"),
  );
  await writeFile(
    path.join(dir, "trail.json.gz"),
    gzipSync(
      JSON.stringify({
        Records: [
          trailEvent("ev-1", "555555555555", "us-east-1", "CreateAccessKey"),
          trailEvent("ev-2", "666666666666", "eu-west-2", "AttachUserPolicy"),
        ],
      }),
    ),
  );
}

function total(report: ImportReport, field: "inserted" | "updated" | "unchanged"): number {
  return report.stored.guardduty[field] + report.stored.securityhub[field] + report.stored.cloudtrail[field];
}

async function countRows(database: TestDatabase): Promise<{ findings: number; events: number }> {
  const result = await database.pool.query<{ findings: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM findings) AS findings, (SELECT count(*)::int FROM cloudtrail_events) AS events`,
  );
  return result.rows[0]!;
}

function runCli(args: string[], databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, "bin/parapet.js"), ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe("importAwsFiles", () => {
  let database: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), "parapet-import-"));
    await writeFixtures(dir);
  });

  afterAll(async () => {
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test("stores every valid record with its severity, account, region and resource, and lists the rest with file and position", async () => {
    const report = await importAwsFiles(database.pool, [dir]);

    expect(report.files).toBe(6);
    expect(report.stored).toEqual({
      guardduty: { inserted: 2, updated: 0, unchanged: 1 },
      securityhub: { inserted: 2, updated: 0, unchanged: 0 },
      cloudtrail: { inserted: 3, updated: 0, unchanged: 0 },
    });
    expect(report.skipped).toHaveLength(2);
    expect(report.skipped[0]).toMatchObject({ file: path.join(dir, "asff-findings.json"), position: "Findings[1]" });
    expect(report.skipped[0]!.reason).toMatch(/AwsAccountId/);
    expect(report.skipped[1]).toMatchObject({ file: path.join(dir, "mixed.ndjson"), position: "line 2" });
    expect(report.skipped[1]!.reason).toMatch(/invalid JSON/);

    const findings = await database.pool.query(
      `SELECT source, source_id, severity, severity_label, account_id, region, resource_type, resource_id FROM findings ORDER BY source, source_id`,
    );
    expect(findings.rows).toEqual([
      {
        source: "guardduty",
        source_id: "gd-camel-1",
        severity: 25,
        severity_label: "LOW",
        account_id: "222222222222",
        region: "us-west-2",
        resource_type: "AccessKey",
        resource_id: "Root",
      },
      // The older copy (severity 2) read afterwards did not overwrite the newer one.
      {
        source: "guardduty",
        source_id: "gd-pascal-1",
        severity: 80,
        severity_label: "HIGH",
        account_id: "111111111111",
        region: "eu-west-1",
        resource_type: "Instance",
        resource_id: "i-0abc",
      },
      {
        source: "securityhub",
        source_id: asffGood.Id,
        severity: 70,
        severity_label: "HIGH",
        account_id: "333333333333",
        region: "eu-central-1",
        resource_type: "AwsS3Bucket",
        resource_id: "arn:aws:s3:::public-bucket",
      },
      {
        source: "securityhub",
        source_id: asffProwler.Id,
        severity: 90,
        severity_label: "CRITICAL",
        account_id: "444444444444",
        region: "us-east-1",
        resource_type: "AwsIamUser",
        resource_id: "arn:aws:iam::444444444444:root",
      },
    ]);
    const events = await database.pool.query(`SELECT event_id, account_id, region, event_name FROM cloudtrail_events ORDER BY event_id`);
    expect(events.rows).toEqual([
      { event_id: "ev-1", account_id: "555555555555", region: "us-east-1", event_name: "CreateAccessKey" },
      { event_id: "ev-2", account_id: "666666666666", region: "eu-west-2", event_name: "AttachUserPolicy" },
      { event_id: "ev-3", account_id: "555555555555", region: "ap-southeast-2", event_name: "DeleteUser" },
    ]);
    // Accounts nobody registered arrive as data_only, so no record is dropped.
    const accounts = await database.pool.query(`SELECT id, status FROM accounts ORDER BY id`);
    expect(accounts.rows.map((row) => row.id)).toEqual([
      "111111111111",
      "222222222222",
      "333333333333",
      "444444444444",
      "555555555555",
      "666666666666",
    ]);
    expect(new Set(accounts.rows.map((row) => row.status))).toEqual(new Set(["data_only"]));
  });

  test("importing the same files again changes nothing, whatever the batch size", async () => {
    const before = await countRows(database);
    const modifiedBefore = await database.pool.query(`SELECT max(modified_at) AS at FROM findings`);

    for (const batchSize of [500, 1]) {
      const report = await importAwsFiles(database.pool, [dir], { batchSize });
      expect(report.stored).toEqual({
        guardduty: { inserted: 0, updated: 0, unchanged: 3 },
        securityhub: { inserted: 0, updated: 0, unchanged: 2 },
        cloudtrail: { inserted: 0, updated: 0, unchanged: 3 },
      });
      expect(report.skipped).toHaveLength(2);
    }
    expect(await countRows(database)).toEqual(before);
    const modifiedAfter = await database.pool.query(`SELECT max(modified_at) AS at FROM findings`);
    expect(modifiedAfter.rows[0].at).toEqual(modifiedBefore.rows[0].at);
  });

  test("writes one import.files audit row per import with the counts", async () => {
    const audit = await database.pool.query(
      `SELECT actor_email, action, target, detail FROM audit_log WHERE action = 'import.files' ORDER BY id`,
    );
    expect(audit.rows).toHaveLength(3);
    expect(audit.rows[0]).toMatchObject({ actor_email: "parapet-cli", target: dir });
    expect(audit.rows[0].detail).toMatchObject({ files: 6, skipped: 2, stored: { cloudtrail: { inserted: 3, updated: 0, unchanged: 0 } } });
  });

  test("a path that does not exist is a skipped entry, not an error", async () => {
    const missing = path.join(dir, "no-such-file.json");
    const report = await importAwsFiles(database.pool, [missing]);
    expect(total(report, "inserted") + total(report, "updated") + total(report, "unchanged")).toBe(0);
    expect(report.skipped).toEqual([{ file: missing, position: "$", reason: expect.stringMatching(/ENOENT/) }]);
  });
});

describe.skipIf(!existsSync(SAMPLES_DIR))("importAwsFiles on the reference samples", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  test("stores every valid sample record exactly once, matching the record, and a second import changes nothing", async () => {
    // The expected rows, worked out without the database: the newest copy of each finding
    // (on a tie the one read last, as the upsert does) and the first copy of each event.
    const expectedFindings = new Map<string, NormalisedFinding>();
    const expectedEvents = new Map<string, NormalisedEvent>();
    let expectedSkipped = 0;
    for await (const item of readAwsRecordFiles([SAMPLES_DIR])) {
      if (item.kind === "problem") {
        expectedSkipped += 1;
        continue;
      }
      if (item.kind === "cloudtrail") {
        const result = normaliseCloudTrailEvent(item.record);
        if (!result.ok) expectedSkipped += 1;
        else if (!expectedEvents.has(result.value.eventId)) expectedEvents.set(result.value.eventId, result.value);
        continue;
      }
      const result = item.kind === "guardduty" ? normaliseGuardDutyFinding(item.record) : normaliseAsffFinding(item.record);
      if (!result.ok) {
        expectedSkipped += 1;
        continue;
      }
      const key = `${result.value.source}|${result.value.sourceId}`;
      const seen = expectedFindings.get(key);
      if (!seen || seen.updatedAt.getTime() <= result.value.updatedAt.getTime()) expectedFindings.set(key, result.value);
    }
    expect(expectedFindings.size).toBeGreaterThan(0);
    expect(expectedEvents.size).toBeGreaterThan(0);

    const first = await importAwsFiles(database.pool, [SAMPLES_DIR]);
    console.info(`samples import: ${first.files} files; ${JSON.stringify(first.stored)}; skipped ${first.skipped.length}`);
    expect(first.skipped).toHaveLength(expectedSkipped);
    expect(first.stored.guardduty.inserted + first.stored.securityhub.inserted).toBe(expectedFindings.size);
    expect(first.stored.cloudtrail.inserted).toBe(expectedEvents.size);

    const findings = await database.pool.query<{
      source: string;
      source_id: string;
      severity: number;
      account_id: string;
      region: string;
      resource_id: string | null;
    }>(`SELECT source, source_id, severity, account_id, region, resource_id FROM findings`);
    expect(findings.rows).toHaveLength(expectedFindings.size);
    const findingMismatches: string[] = [];
    for (const row of findings.rows) {
      const expected = expectedFindings.get(`${row.source}|${row.source_id}`);
      if (!expected) {
        findingMismatches.push(`unexpected ${row.source} ${row.source_id}`);
        continue;
      }
      const actual = {
        severity: Math.round(row.severity * 100) / 100,
        accountId: row.account_id,
        region: row.region,
        resourceId: row.resource_id,
      };
      const wanted = {
        severity: Math.round(expected.severity * 100) / 100,
        accountId: expected.accountId,
        region: expected.region,
        resourceId: expected.resourceId,
      };
      if (JSON.stringify(actual) !== JSON.stringify(wanted)) {
        findingMismatches.push(`${row.source} ${row.source_id}: stored ${JSON.stringify(actual)}, record says ${JSON.stringify(wanted)}`);
      }
    }
    expect(findingMismatches).toEqual([]);

    const events = await database.pool.query<{ event_id: string; account_id: string; region: string; event_name: string }>(
      `SELECT event_id, account_id, region, event_name FROM cloudtrail_events`,
    );
    expect(events.rows).toHaveLength(expectedEvents.size);
    const eventMismatches: string[] = [];
    for (const row of events.rows) {
      const expected = expectedEvents.get(row.event_id);
      const actual = `${row.account_id} ${row.region} ${row.event_name}`;
      const wanted = expected ? `${expected.accountId} ${expected.region} ${expected.eventName}` : "(not expected)";
      if (actual !== wanted) eventMismatches.push(`${row.event_id}: stored ${actual}, record says ${wanted}`);
    }
    expect(eventMismatches).toEqual([]);

    const before = await countRows(database);
    const second = await importAwsFiles(database.pool, [SAMPLES_DIR]);
    expect(total(second, "inserted")).toBe(0);
    expect(total(second, "updated")).toBe(0);
    expect(total(second, "unchanged")).toBe(total(first, "inserted") + total(first, "updated") + total(first, "unchanged"));
    expect(second.skipped).toEqual(first.skipped);
    expect(await countRows(database)).toEqual(before);
  });
});

describe("parapet import (CLI)", () => {
  let database: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), "parapet-import-cli-"));
    await writeFixtures(dir);
  });

  afterAll(async () => {
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test("--json prints the report as one JSON object on stdout", async () => {
    const { code, stdout, stderr } = await runCli(["import", "--json", dir], database.url);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as ImportReport;
    expect(report.files).toBe(6);
    expect(report.stored).toEqual({
      guardduty: { inserted: 2, updated: 0, unchanged: 1 },
      securityhub: { inserted: 2, updated: 0, unchanged: 0 },
      cloudtrail: { inserted: 3, updated: 0, unchanged: 0 },
    });
    expect(report.skipped.map((problem) => `${path.basename(problem.file)}:${problem.position}`)).toEqual([
      "asff-findings.json:Findings[1]",
      "mixed.ndjson:line 2",
    ]);
    expect(await countRows(database)).toEqual({ findings: 4, events: 3 });
  });

  test("the human report shows new / updated / unchanged per kind and the skipped records", async () => {
    const { code, stdout, stderr } = await runCli(["import", dir], database.url);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/GuardDuty findings\s+new 0, updated 0, unchanged 3/);
    expect(stdout).toMatch(/CloudTrail events\s+new 0, updated 0, unchanged 3/);
    expect(stdout).toContain(`${path.join(dir, "mixed.ndjson")}:line 2: invalid JSON`);
  });

  test("exits 1 when the paths hold no valid record but something was skipped", async () => {
    const notRecords = path.join(dir, "not-records");
    await writeFile(notRecords, JSON.stringify({ SecurityGroups: [] }));
    const { code, stdout, stderr } = await runCli(["import", "--json", notRecords], database.url);
    expect(code, stderr).toBe(1);
    expect(JSON.parse(stdout).skipped).toHaveLength(1);
  });

  test("exits 2 with a one-line error when no path is given, or a path does not exist", async () => {
    const noPaths = await runCli(["import"], database.url);
    expect(noPaths.code, noPaths.stderr).toBe(2);
    expect(noPaths.stdout).toBe("");
    expect(noPaths.stderr.trim().split("\n")).toHaveLength(1);
    expect(noPaths.stderr).toMatch(/^parapet: import needs at least one file or directory/);

    const missing = await runCli(["import", path.join(dir, "nope")], database.url);
    expect(missing.code, missing.stderr).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toContain("no such file or directory");
  });
});
