import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { readAwsRecordFiles } from "./read-aws-records";

const guardDutyPascal = {
  SchemaVersion: "2.0",
  Id: "gd-1",
  AccountId: "111111111111",
  Region: "us-east-1",
  Type: "Recon:EC2/PortProbeUnprotectedPort",
  Service: { Archived: false },
};
const guardDutyCamel = {
  schemaVersion: "2.0",
  id: "gd-2",
  accountId: "111111111111",
  type: "Policy:IAMUser/RootCredentialUsage",
  service: {},
};
const asff = {
  SchemaVersion: "2018-10-08",
  Id: "arn:aws:securityhub:x",
  ProductArn: "arn:aws:securityhub:us-east-1::product/aws/securityhub",
  AwsAccountId: "111111111111",
};
const cloudTrail = { eventVersion: "1.08", eventID: "e-1", eventName: "ConsoleLogin", eventSource: "signin.amazonaws.com" };

let dir: string;

async function collect(paths: string[]) {
  const items = [];
  for await (const item of readAwsRecordFiles(paths)) items.push(item);
  return items;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "parapet-read-"));
  await mkdir(path.join(dir, "nested", "deeper"), { recursive: true });
  await writeFile(path.join(dir, "a-getfindings.json"), JSON.stringify({ Findings: [guardDutyPascal, guardDutyPascal] }));
  await writeFile(path.join(dir, "b-wire.json"), JSON.stringify({ findings: [guardDutyCamel] }));
  await writeFile(
    path.join(dir, "c-eventbridge.json"),
    JSON.stringify({ "detail-type": "GuardDuty Finding", source: "aws.guardduty", detail: guardDutyCamel }),
  );
  await writeFile(
    path.join(dir, "d-sh-imported.json"),
    JSON.stringify({ "detail-type": "Security Hub Findings - Imported", detail: { findings: [asff, asff] } }),
  );
  await writeFile(path.join(dir, "e-trail.json.gz"), gzipSync(JSON.stringify({ Records: [cloudTrail, cloudTrail, cloudTrail] })));
  await writeFile(
    path.join(dir, "f-lookup.json"),
    JSON.stringify({
      Events: [
        { EventId: "e-1", EventName: "ConsoleLogin", CloudTrailEvent: JSON.stringify(cloudTrail) },
        { EventId: "e-2", CloudTrailEvent: "{not json" },
      ],
    }),
  );
  await writeFile(path.join(dir, "g-lines.ndjson"), `${JSON.stringify(cloudTrail)}\n\n{broken\n${JSON.stringify(asff)}\n`);
  await writeFile(path.join(dir, "h-single.json"), JSON.stringify(asff));
  await writeFile(path.join(dir, "i-invalid.json"), "{ nope");
  await writeFile(path.join(dir, "j-unknown.json"), JSON.stringify({ SecurityGroups: [] }));
  await writeFile(path.join(dir, "k-array.json"), JSON.stringify([asff, 42]));
  await writeFile(path.join(dir, "nested", "deeper", "z.jsonl.gz"), gzipSync(`${JSON.stringify(guardDutyPascal)}\n`));
  await writeFile(path.join(dir, "nested", "ignored.yml"), "not: json");
  await writeFile(path.join(dir, "m-not-gzip.jsonl.gz"), "plain text, not gzip");
  await writeFile(path.join(dir, "l-json-named-ndjson.json"), `${JSON.stringify(cloudTrail)}\n${JSON.stringify(cloudTrail)}\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readAwsRecordFiles", () => {
  test("walks directories in sorted order and reads every container shape", async () => {
    const items = await collect([dir]);
    const summary = items.map((item) => `${path.relative(dir, item.file)} ${item.position} ${item.kind}`);
    expect(summary).toEqual([
      "a-getfindings.json Findings[0] guardduty",
      "a-getfindings.json Findings[1] guardduty",
      "b-wire.json findings[0] guardduty",
      "c-eventbridge.json detail guardduty",
      "d-sh-imported.json detail.findings[0] securityhub",
      "d-sh-imported.json detail.findings[1] securityhub",
      "e-trail.json.gz Records[0] cloudtrail",
      "e-trail.json.gz Records[1] cloudtrail",
      "e-trail.json.gz Records[2] cloudtrail",
      "f-lookup.json Events[0] cloudtrail",
      "f-lookup.json Events[1] problem",
      "g-lines.ndjson line 1 cloudtrail",
      "g-lines.ndjson line 3 problem",
      "g-lines.ndjson line 4 securityhub",
      "h-single.json $ securityhub",
      "i-invalid.json $ problem",
      "j-unknown.json $ problem",
      "k-array.json [0] securityhub",
      "k-array.json [1] problem",
      "l-json-named-ndjson.json line 1 cloudtrail",
      "l-json-named-ndjson.json line 2 cloudtrail",
      "m-not-gzip.jsonl.gz line 1 problem",
      "nested/deeper/z.jsonl.gz line 1 guardduty",
    ]);
  });

  test("parses the CloudTrailEvent string of a LookupEvents item into the record", async () => {
    const items = await collect([path.join(dir, "f-lookup.json")]);
    expect(items[0]).toMatchObject({ kind: "cloudtrail", record: cloudTrail });
    expect(items[1]).toMatchObject({ kind: "problem", reason: expect.stringContaining("CloudTrailEvent is not valid JSON") });
  });

  test("reports missing paths and unknown shapes as problems instead of throwing", async () => {
    const items = await collect([path.join(dir, "does-not-exist.json"), path.join(dir, "j-unknown.json")]);
    expect(items).toEqual([
      { kind: "problem", file: path.join(dir, "does-not-exist.json"), position: "$", reason: expect.stringContaining("ENOENT") },
      { kind: "problem", file: path.join(dir, "j-unknown.json"), position: "$", reason: expect.stringContaining("unknown shape") },
    ]);
  });

  test("reads an explicitly named file whatever its extension", async () => {
    const items = await collect([path.join(dir, "nested", "ignored.yml")]);
    expect(items).toEqual([expect.objectContaining({ kind: "problem", reason: expect.stringContaining("invalid JSON") })]);
  });
});
