import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { GetFindingsCommand, GuardDutyClient, ListDetectorsCommand } from "@aws-sdk/client-guardduty";
import { GetFindingsCommand as GetSecurityHubFindingsCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { startSimulator, type Simulator } from "./index";
import { assumeAccount, clientConfig } from "./test-support";

const UNKNOWN = "111122223333";
let dir: string;
let sim: Simulator;
let management: string;
const stderr: string[] = [];

const asffKnown = (accountId: string) => ({
  SchemaVersion: "2018-10-08",
  Id: `arn:aws:securityhub:us-east-1:${accountId}:subscription/aws-foundational-security-best-practices/v/1.0.0/CloudTrail.2/finding/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`,
  ProductArn: "arn:aws:securityhub:us-east-1::product/aws/securityhub",
  ProductName: "Security Hub",
  CompanyName: "AWS",
  Region: "us-east-1",
  GeneratorId: "aws-foundational-security-best-practices/v/1.0.0/CloudTrail.2",
  AwsAccountId: accountId,
  Types: ["Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices"],
  CreatedAt: "2020-08-06T02:18:23.076Z",
  UpdatedAt: "2021-09-28T16:10:00.093Z",
  Severity: { Label: "MEDIUM", Normalized: 40, Original: "MEDIUM" },
  Title: "CloudTrail.2 CloudTrail should have encryption at-rest enabled",
  Description: "This AWS control checks whether AWS CloudTrail is configured to use SSE-KMS.",
  ProductFields: { ControlId: "CloudTrail.2", "aws/securityhub/ProductName": "Security Hub" },
  Resources: [
    { Type: "AwsCloudTrailTrail", Id: `arn:aws:cloudtrail:us-east-1:${accountId}:trail/t`, Partition: "aws", Region: "us-east-1" },
  ],
  Compliance: { Status: "FAILED" },
  Workflow: { Status: "NEW" },
  RecordState: "ACTIVE",
});

const guardDutyCamel = (accountId: string) => ({
  schemaVersion: "2.0",
  accountId,
  region: "eu-west-1",
  partition: "aws",
  id: "b4b01b60fc24a199139f8f5f490edd81",
  arn: `arn:aws:guardduty:eu-west-1:${accountId}:detector/c0b018e3eb2130078632d999e41d4f02/finding/b4b01b60fc24a199139f8f5f490edd81`,
  type: "Policy:S3/BucketAnonymousAccessGranted",
  resource: {
    resourceType: "S3Bucket",
    s3BucketDetails: [{ name: "loaded-bucket", arn: "arn:aws:s3:::loaded-bucket", createdAt: "2023-01-02T03:04:05.000Z" }],
  },
  service: {
    serviceName: "guardduty",
    detectorId: "c0b018e3eb2130078632d999e41d4f02",
    archived: false,
    count: 3,
    eventFirstSeen: "2023-05-01T00:00:00Z",
    eventLastSeen: "2023-05-02T00:00:00Z",
    resourceRole: "TARGET",
    additionalInfo: {},
  },
  severity: 8,
  createdAt: "2023-05-01T00:00:01.000Z",
  updatedAt: "2023-05-02T00:00:01.000Z",
  title: "Amazon S3 bucket loaded-bucket is publicly accessible by anonymous users.",
  description: "Loaded finding.",
});

const trailRecord = (accountId: string) => ({
  eventVersion: "1.05",
  userIdentity: { type: "Root", principalId: accountId, arn: `arn:aws:iam::${accountId}:root`, accountId },
  eventTime: "2022-11-10T16:24:34Z",
  eventSource: "signin.amazonaws.com",
  eventName: "ConsoleLogin",
  awsRegion: "us-east-1",
  sourceIPAddress: "192.0.2.0",
  requestParameters: null,
  responseElements: { ConsoleLogin: "Success" },
  additionalEventData: { MobileVersion: "No", MFAUsed: "No" },
  eventID: "fed06f42-cb12-4764-8c69-121063dc79b9",
  eventType: "AwsConsoleSignIn",
  recipientAccountId: accountId,
});

beforeAll(async () => {
  // The management account id is deterministic for the default seed; learn it from a throwaway start.
  const probe = await startSimulator({ port: 0, accounts: 4 });
  management = probe.org.managementAccountId;
  await probe.close();
  dir = await mkdtemp(path.join(tmpdir(), "parapet-sim-load-"));
  await writeFile(path.join(dir, "sh-page.json"), JSON.stringify({ Findings: [asffKnown(management), asffKnown(UNKNOWN)] }));
  await writeFile(
    path.join(dir, "gd-wire.json"),
    JSON.stringify({ "detail-type": "GuardDuty Finding", source: "aws.guardduty", detail: guardDutyCamel(management) }),
  );
  await writeFile(path.join(dir, "trail.json"), JSON.stringify({ Records: [trailRecord(management)] }));
  await writeFile(path.join(dir, "broken.json"), "{ not json");
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
  sim = await startSimulator({ port: 0, accounts: 4, quotas: false, loadDir: dir });
  vi.restoreAllMocks();
});

afterAll(async () => {
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("--load", () => {
  test("reports bad files with file and position and carries on", () => {
    expect(stderr.some((line) => line.includes("broken.json") && line.includes("$"))).toBe(true);
    expect(stderr.some((line) => /loaded 4 records/.test(line))).toBe(true);
  });

  test("ASFF records come back through Security Hub GetFindings unchanged", async () => {
    const account = sim.org.accounts.find((a) => a.id === management)!;
    const client = new SecurityHubClient(clientConfig(sim, "us-east-1", await assumeAccount(sim, account)));
    const original = asffKnown(management);
    const found = await client.send(new GetSecurityHubFindingsCommand({ Filters: { Id: [{ Value: original.Id, Comparison: "EQUALS" }] } }));
    expect(found.Findings).toHaveLength(1);
    expect(found.Findings![0]).toEqual(original);
  });

  test("an unknown account is added to the org with the records it names", async () => {
    const added = sim.org.accounts.find((a) => a.id === UNKNOWN);
    expect(added?.origin).toBe("loaded");
    const client = new SecurityHubClient(clientConfig(sim, "us-east-1", await assumeAccount(sim, added!)));
    const found = await client.send(new GetSecurityHubFindingsCommand({}));
    expect(found.Findings?.map((f) => f.Id)).toEqual([asffKnown(UNKNOWN).Id]);
  });

  test("GuardDuty and CloudTrail records come back through their APIs", async () => {
    const account = sim.org.accounts.find((a) => a.id === management)!;
    const creds = await assumeAccount(sim, account);
    const gd = new GuardDutyClient(clientConfig(sim, "eu-west-1", creds));
    const detectorId = (await gd.send(new ListDetectorsCommand({}))).DetectorIds![0]!;
    const finding = (await gd.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: [guardDutyCamel(management).id] })))
      .Findings![0]!;
    expect(finding.Type).toBe("Policy:S3/BucketAnonymousAccessGranted");
    expect(finding.Service?.Count).toBe(3);
    expect(finding.Resource?.S3BucketDetails?.[0]?.CreatedAt?.toISOString()).toBe("2023-01-02T03:04:05.000Z");
    const trail = new CloudTrailClient(clientConfig(sim, "us-east-1", creds));
    const events = await trail.send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: "EventId", AttributeValue: trailRecord(management).eventID }] }),
    );
    expect(events.Events).toHaveLength(1);
    expect(JSON.parse(events.Events![0]!.CloudTrailEvent!)).toEqual(trailRecord(management));
    expect(events.Events![0]!.Username).toBe("root");
  });

  const samples = path.resolve(__dirname, "../../shared/aws/samples");
  test.skipIf(!existsSync(samples))(
    "the shared reference samples load without crashing",
    async () => {
      const quiet = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      try {
        const loaded = await startSimulator({ port: 0, accounts: 2, quotas: false, loadDir: samples });
        expect(loaded.org.accounts.length).toBeGreaterThan(2);
        await loaded.close();
      } finally {
        quiet.mockRestore();
      }
    },
    30_000,
  );
});
