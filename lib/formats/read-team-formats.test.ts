import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { normaliseAsffFinding } from "@/lib/aws/normalise/normalise-asff-finding";
import { normaliseCloudTrailEvent } from "@/lib/aws/normalise/normalise-cloudtrail-event";
import { normaliseGuardDutyFinding } from "@/lib/aws/normalise/normalise-guardduty-finding";
import { readAwsRecordFiles } from "./read-aws-records";

/**
 * The shapes teams actually keep, each written here in that shape: NDJSON under .log/.txt,
 * gzip without a .gz name, Logstash/OpenSearch exports (`@timestamp`, `_source`, `hits`),
 * CloudWatch Logs subscription envelopes (`logEvents[].message`), GuardDuty's own S3 export
 * objects (`.jsonl.gz`, one camelCase finding per line), and findings wrapped by SNS, SQS or
 * a remediation tool.
 */
const ACCOUNT = "111122223333";
const trailRecord = (id: string, extra: Record<string, unknown> = {}) => ({
  eventVersion: "1.08",
  userIdentity: { type: "Root", principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT },
  eventTime: "2026-11-19T10:00:00Z",
  eventSource: "signin.amazonaws.com",
  eventName: "ConsoleLogin",
  awsRegion: "us-east-1",
  sourceIPAddress: "192.0.2.0",
  responseElements: { ConsoleLogin: "Success" },
  additionalEventData: { MFAUsed: "Yes" },
  eventID: id,
  eventType: "AwsConsoleSignIn",
  recipientAccountId: ACCOUNT,
  ...extra,
});
const guardDutyWire = {
  schemaVersion: "2.0",
  accountId: ACCOUNT,
  region: "us-east-1",
  partition: "aws",
  id: "7ec3b6d1c0a1f0e1b2c3d4e5f6a7b8c9",
  arn: `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/12abc34d567e8fa901bc2d34e56789f0/finding/7ec3b6d1c0a1f0e1b2c3d4e5f6a7b8c9`,
  type: "Recon:EC2/PortProbeUnprotectedPort",
  resource: { resourceType: "Instance", instanceDetails: { instanceId: "i-0123456789abcdef0" } },
  service: {
    serviceName: "guardduty",
    detectorId: "12abc34d567e8fa901bc2d34e56789f0",
    archived: false,
    count: 3,
    eventFirstSeen: "2026-11-18T10:00:00.000Z",
    eventLastSeen: "2026-11-19T10:00:00.000Z",
  },
  severity: 2,
  createdAt: "2026-11-18T10:05:00.000Z",
  updatedAt: "2026-11-19T10:05:00.000Z",
  title: "Unprotected port on EC2 instance i-0123456789abcdef0 is being probed.",
  description: "EC2 instance has an unprotected port which is being probed by a known malicious host.",
};
const asff = {
  SchemaVersion: "2018-10-08",
  Id: `arn:aws:securityhub:us-east-1:${ACCOUNT}:security-control/IAM.4/finding/0c7b1f3c-0000-4000-8000-000000000001`,
  ProductArn: "arn:aws:securityhub:us-east-1::product/aws/securityhub",
  GeneratorId: "security-control/IAM.4",
  AwsAccountId: ACCOUNT,
  Region: "us-east-1",
  Types: ["Software and Configuration Checks/Industry and Regulatory Standards"],
  CreatedAt: "2026-11-01T00:00:00.000Z",
  UpdatedAt: "2026-11-19T00:00:00.000Z",
  FirstObservedAt: "2026-11-01T00:00:00.000Z",
  LastObservedAt: "2026-11-19T00:00:00.000Z",
  Severity: { Label: "CRITICAL", Normalized: 90 },
  Title: "IAM root user access key should not exist",
  Description: "This control checks whether the root user access key is available.",
  Compliance: { Status: "PASSED", SecurityControlId: "IAM.4" },
  Resources: [{ Type: "AwsAccount", Id: `AWS::::Account:${ACCOUNT}`, Partition: "aws", Region: "us-east-1" }],
  Workflow: { Status: "NEW" },
  RecordState: "ACTIVE",
};
const eventBridge = (detail: unknown, type = "GuardDuty Finding") => ({
  version: "0",
  id: "e1",
  "detail-type": type,
  source: "aws.guardduty",
  account: ACCOUNT,
  time: "2026-11-19T10:05:00Z",
  region: "us-east-1",
  resources: [],
  detail,
});

let dir: string;

async function read(target: string) {
  const items = [];
  for await (const item of readAwsRecordFiles([target])) items.push(item);
  return items.map((item) => (item.kind === "problem" ? `problem ${item.position}: ${item.reason}` : `${item.kind} ${item.position}`));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "parapet-team-formats-"));
  await mkdir(path.join(dir, "walk"));
  await writeFile(path.join(dir, "walk", "cloudtrail.log"), `${JSON.stringify(trailRecord("a"))}\n${JSON.stringify(trailRecord("b"))}\n`);
  await writeFile(path.join(dir, "walk", "export.txt"), JSON.stringify(trailRecord("c")));
  await writeFile(path.join(dir, "walk", "events-part-0001"), gzipSync(JSON.stringify({ Records: [trailRecord("d")] })));
  await writeFile(path.join(dir, "walk", "README.md"), "# how we export\n");
  await writeFile(path.join(dir, "walk", "pipeline.yml"), "input: cloudtrail\n");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("content, not names", () => {
  test("a directory contributes NDJSON in .log, JSON in .txt and gzip without .gz; other files are passed over", async () => {
    expect(await read(path.join(dir, "walk"))).toEqual(["cloudtrail line 1", "cloudtrail line 2", "cloudtrail Records[0]", "cloudtrail $"]);
  });
});

describe("log pipelines", () => {
  test("Logstash / OpenSearch exports: @timestamp in place of eventTime, _source documents, search hits", async () => {
    const { eventTime: _dropped, ...withoutTime } = trailRecord("ls-1");
    const logstash = { ...withoutTime, "@timestamp": "2026-11-19T10:00:00.000Z", "@version": "1", tags: ["cloudtrail"] };
    const file = path.join(dir, "opensearch.json");
    await writeFile(
      file,
      JSON.stringify({
        took: 3,
        hits: {
          total: { value: 2 },
          hits: [
            { _index: "cloudtrail-2026.11.19", _id: "x", _source: logstash },
            { _index: "cloudtrail-2026.11.19", _id: "y", _source: trailRecord("os-2") },
          ],
        },
      }),
    );
    expect(await read(file)).toEqual(["cloudtrail hits.hits[0]._source", "cloudtrail hits.hits[1]._source"]);
    const normalised = normaliseCloudTrailEvent(logstash);
    expect(normalised.ok && normalised.value.eventTime.toISOString()).toBe("2026-11-19T10:00:00.000Z");
  });

  test("CloudWatch Logs subscription envelopes (gzip, logEvents[].message), control messages carry nothing", async () => {
    const envelope = {
      messageType: "DATA_MESSAGE",
      owner: ACCOUNT,
      logGroup: "aws-cloudtrail-logs",
      logStream: `${ACCOUNT}_CloudTrail_us-east-1`,
      subscriptionFilters: ["to-siem"],
      logEvents: [
        { id: "3719", timestamp: 1763546400000, message: JSON.stringify(trailRecord("cw-1")) },
        { id: "3720", timestamp: 1763546400000, message: "{broken" },
      ],
    };
    const file = path.join(dir, "cwl-batch");
    await writeFile(
      file,
      gzipSync(
        `${JSON.stringify(envelope)}\n${JSON.stringify({ messageType: "CONTROL_MESSAGE", owner: "CloudwatchLogs", logEvents: [{ id: "", timestamp: 0, message: "CWL CONTROL MESSAGE: Checking health of destination Firehose." }] })}\n`,
      ),
    );
    const items = await read(file);
    expect(items[0]).toBe("cloudtrail line 1 logEvents[0].message");
    expect(items[1]).toMatch(/^problem line 1 logEvents\[1\]\.message: embedded record is not valid JSON/);
    expect(items).toHaveLength(2);
  });
});

describe("GuardDuty and Security Hub as teams keep them", () => {
  test("GuardDuty's S3 export object (.jsonl.gz, one wire-format finding per line)", async () => {
    const file = path.join(dir, "7ec3b6d1-export.jsonl.gz");
    await writeFile(
      file,
      gzipSync(`${JSON.stringify(guardDutyWire)}\n${JSON.stringify({ ...guardDutyWire, id: "8ec3b6d1c0a1f0e1b2c3d4e5f6a7b8c9" })}\n`),
    );
    expect(await read(file)).toEqual(["guardduty line 1", "guardduty line 2"]);
    expect(normaliseGuardDutyFinding(guardDutyWire).ok).toBe(true);
  });

  test("EventBridge through SNS (Lambda Records[].Sns.Message) and SQS (body), and remediation-tool wrappers", async () => {
    const file = path.join(dir, "wrapped.json");
    await writeFile(
      file,
      JSON.stringify([
        {
          Records: [
            { EventSource: "aws:sns", Sns: { Type: "Notification", MessageId: "m1", Message: JSON.stringify(eventBridge(guardDutyWire)) } },
          ],
        },
        { messageId: "q1", body: JSON.stringify(eventBridge({ findings: [asff] }, "Security Hub Findings - Imported")) },
        { ticket: "SEC-42", action: "quarantine", finding: asff },
      ]),
    );
    expect(await read(file)).toEqual([
      "guardduty [0].Records[0].Sns.Message.detail",
      "securityhub [1].body.detail.findings[0]",
      "securityhub [2].finding",
    ]);
  });

  test("records naming an invalid account are skipped with their position and reason", () => {
    const placeholder = normaliseAsffFinding({ ...asff, AwsAccountId: "ACCOUNT_ID" });
    expect(placeholder.ok ? "stored" : placeholder.reason).toMatch(/AwsAccountId.*12-digit/);
    const nineDigits = normaliseCloudTrailEvent(trailRecord("short", { recipientAccountId: "123456789" }));
    expect(nineDigits.ok ? "stored" : nineDigits.reason).toBe('recipientAccountId: expected a 12-digit account id, got "123456789"');
  });
});
