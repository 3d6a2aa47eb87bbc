/**
 * Runs every reference sample in ../shared/aws/samples (real AWS records collected from
 * public repositories and AWS docs; see its SOURCES.tsv) through the reader and the
 * normalisers. The folder is not part of the project, so this suite skips when it is absent.
 * Expected values are read straight from each raw record here, independently of the
 * normalisers' own field lookups.
 */
import { existsSync } from "node:fs";
import path from "node:path";

import { describe, expect, test } from "vitest";

import { readAwsRecordFiles } from "@/lib/formats/read-aws-records";

import { normaliseAsffFinding } from "./normalise-asff-finding";
import { normaliseCloudTrailEvent } from "./normalise-cloudtrail-event";
import { normaliseGuardDutyFinding } from "./normalise-guardduty-finding";

const SAMPLES_DIR = path.resolve(__dirname, "../../../../shared/aws/samples");

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {});
const first = <T>(...values: T[]): T | undefined => values.find((value) => value !== undefined && value !== null);

interface Tally {
  valid: number;
  problems: Array<{ position: string; reason: string }>;
}

async function runSamples() {
  const byFile = new Map<string, Tally>();
  const mismatches: string[] = [];
  const counts = { guardduty: 0, securityhub: 0, cloudtrail: 0, valid: 0, recordProblems: 0, readerProblems: 0 };
  const tally = (file: string): Tally => {
    const relative = path.relative(SAMPLES_DIR, file);
    let entry = byFile.get(relative);
    if (!entry) byFile.set(relative, (entry = { valid: 0, problems: [] }));
    return entry;
  };
  const expectEqual = (where: string, field: string, actual: unknown, expected: unknown) => {
    if (expected === undefined || expected === null) return;
    const same = typeof expected === "number" && typeof actual === "number" ? Math.abs(actual - expected) < 1e-9 : actual === expected;
    if (!same) mismatches.push(`${where} ${field}: got ${JSON.stringify(actual)}, raw says ${JSON.stringify(expected)}`);
  };

  for await (const item of readAwsRecordFiles([SAMPLES_DIR])) {
    const entry = tally(item.file);
    if (item.kind === "problem") {
      counts.readerProblems += 1;
      entry.problems.push({ position: item.position, reason: item.reason });
      continue;
    }
    counts[item.kind] += 1;
    const where = `${path.relative(SAMPLES_DIR, item.file)} ${item.position}`;
    const raw = object(item.record);

    if (item.kind === "guardduty") {
      const result = normaliseGuardDutyFinding(item.record);
      if (!result.ok) {
        expect(result.reason, where).toMatch(/\S/);
        counts.recordProblems += 1;
        entry.problems.push({ position: item.position, reason: result.reason });
        continue;
      }
      const rawSeverity = Number(first(raw.Severity, raw.severity));
      expectEqual(where, "severity", result.value.severity, Math.round(rawSeverity * 100) / 10);
      expectEqual(where, "accountId", result.value.accountId, first(raw.AccountId, raw.accountId));
      expectEqual(where, "region", result.value.region, first(raw.Region, raw.region));
      expectEqual(
        where,
        "resourceType",
        result.value.resourceType,
        first(object(raw.Resource).ResourceType, object(raw.resource).resourceType),
      );
      expectEqual(where, "sourceId", result.value.sourceId, first(raw.Id, raw.id));
      if (result.value.raw !== item.record) mismatches.push(`${where} raw is not the record as given`);
    } else if (item.kind === "securityhub") {
      const result = normaliseAsffFinding(item.record);
      if (!result.ok) {
        expect(result.reason, where).toMatch(/\S/);
        counts.recordProblems += 1;
        entry.problems.push({ position: item.position, reason: result.reason });
        continue;
      }
      const severity = object(raw.Severity);
      const resource = object(Array.isArray(raw.Resources) ? raw.Resources[0] : undefined);
      expectEqual(where, "severity", result.value.severity, severity.Normalized);
      expectEqual(where, "severityLabel", result.value.severityLabel, severity.Label);
      expectEqual(where, "accountId", result.value.accountId, raw.AwsAccountId);
      expectEqual(where, "region", result.value.region, raw.Region);
      expectEqual(where, "resourceType", result.value.resourceType, resource.Type);
      expectEqual(where, "resourceId", result.value.resourceId, resource.Id);
      expectEqual(where, "controlId", result.value.controlId, object(raw.Compliance).SecurityControlId);
      if (String(raw.ProductArn).includes("/guardduty") && !result.value.linkedGuardDutyId) {
        mismatches.push(`${where} GuardDuty copy without linkedGuardDutyId`);
      }
    } else {
      const result = normaliseCloudTrailEvent(item.record);
      if (!result.ok) {
        expect(result.reason, where).toMatch(/\S/);
        counts.recordProblems += 1;
        entry.problems.push({ position: item.position, reason: result.reason });
        continue;
      }
      expectEqual(where, "eventId", result.value.eventId, raw.eventID);
      expectEqual(where, "accountId", result.value.accountId, first(raw.recipientAccountId, object(raw.userIdentity).accountId));
      expectEqual(where, "region", result.value.region, raw.awsRegion);
      expectEqual(where, "eventName", result.value.eventName, raw.eventName);
      expectEqual(where, "eventTime", result.value.eventTime.getTime() > 0, true);
    }
    counts.valid += 1;
    entry.valid += 1;
  }
  return { byFile, mismatches, counts };
}

describe.skipIf(!existsSync(SAMPLES_DIR))("reference samples", () => {
  test("every record normalises or is reported with a reason, and valid ones match their raw fields", async () => {
    const { byFile, mismatches, counts } = await runSamples();

    const reasons = new Map<string, number>();
    const lines: string[] = [];
    let filesWithoutRecords = 0;
    for (const [file, { valid, problems }] of [...byFile].sort(([left], [right]) => (left < right ? -1 : 1))) {
      if (problems.length === 0) continue;
      for (const problem of problems) {
        const reason = problem.reason.replace(/keys .*/, "keys ...").replace(/"[^"]*"/g, '"..."');
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
      // Other API responses (DescribeTrails, DescribeSecurityGroups, ...) recorded next to
      // GetFindings pages: not records at all, counted rather than listed.
      if (file.startsWith("api-responses/") && valid === 0 && problems.every((problem) => problem.reason.startsWith("unknown shape"))) {
        filesWithoutRecords += 1;
        continue;
      }
      lines.push(`${file}: ${valid} valid, ${problems.length} problems`);
      for (const problem of problems.slice(0, 5)) lines.push(`    ${problem.position}: ${problem.reason}`);
    }
    const records = counts.guardduty + counts.securityhub + counts.cloudtrail;
    console.info(
      [
        `samples: ${byFile.size} files; records guardduty=${counts.guardduty} securityhub=${counts.securityhub} cloudtrail=${counts.cloudtrail}`,
        `valid ${counts.valid}/${records}; record problems ${counts.recordProblems}; reader problems ${counts.readerProblems}`,
        `${filesWithoutRecords} api-response files hold no finding/event records (other API calls)`,
        "problems by reason:",
        ...[...reasons].sort((left, right) => right[1] - left[1]).map(([reason, count]) => `  ${count} x ${reason}`),
        "files with problems:",
        ...lines,
      ].join("\n"),
    );

    expect(mismatches).toEqual([]);
    expect(counts.guardduty).toBeGreaterThan(0);
    expect(counts.securityhub).toBeGreaterThan(0);
    expect(counts.cloudtrail).toBeGreaterThan(0);
    // Complete records must all pass; the failures allowed here are hand-trimmed rule-test
    // logs and doc excerpts that drop required fields (their reasons are printed above).
    expect(counts.valid / records).toBeGreaterThan(0.8);
  }, 60_000);
});
