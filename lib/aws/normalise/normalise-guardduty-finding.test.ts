import { describe, expect, test } from "vitest";

import { normaliseGuardDutyFinding } from "./normalise-guardduty-finding";

/** GetFindings through the SDK: PascalCase. */
const sdkFinding = {
  AccountId: "111122223333",
  Arn: "arn:aws:guardduty:eu-west-1:111122223333:detector/det1/finding/abc123",
  CreatedAt: "2024-03-01T10:00:00.000Z",
  Description: "EC2 instance i-0abc is probing port 22.",
  Id: "abc123",
  Partition: "aws",
  Region: "eu-west-1",
  Resource: { ResourceType: "Instance", InstanceDetails: { InstanceId: "i-0abc" } },
  SchemaVersion: "2.0",
  Service: {
    Archived: false,
    Count: 3,
    DetectorId: "det1",
    EventFirstSeen: "2024-02-28T08:00:00.000Z",
    EventLastSeen: "2024-03-01T09:59:00.000Z",
    ServiceName: "guardduty",
  },
  Severity: 3.95,
  Title: "Unprotected port on EC2 instance i-0abc is being probed.",
  Type: "Recon:EC2/PortProbeUnprotectedPort",
  UpdatedAt: "2024-03-01T10:05:00.000Z",
};

/** The wire format / EventBridge `detail`: camelCase. */
const wireFinding = {
  accountId: "111122223333",
  arn: "arn:aws:guardduty:us-east-1:111122223333:detector/det1/finding/def456",
  createdAt: "2024-03-02T10:00:00.000Z",
  id: "def456",
  region: "us-east-1",
  resource: { resourceType: "S3Bucket", s3BucketDetails: [{ name: "logs-bucket", arn: "arn:aws:s3:::logs-bucket" }] },
  schemaVersion: "2.0",
  service: { archived: true, eventFirstSeen: "2024-03-02T09:00:00Z", eventLastSeen: "2024-03-02T09:30:00Z" },
  severity: 8,
  title: "S3 bucket policy allows public access.",
  type: "Policy:S3/BucketAnonymousAccessGranted",
  updatedAt: "2024-03-02T10:01:00.000Z",
};

describe("normaliseGuardDutyFinding", () => {
  test("normalises an SDK (PascalCase) finding", () => {
    const result = normaliseGuardDutyFinding(sdkFinding);
    expect(result).toEqual({
      ok: true,
      value: {
        source: "guardduty",
        sourceId: "abc123",
        accountId: "111122223333",
        region: "eu-west-1",
        type: "Recon:EC2/PortProbeUnprotectedPort",
        title: "Unprotected port on EC2 instance i-0abc is being probed.",
        description: "EC2 instance i-0abc is probing port 22.",
        severity: 39.5,
        severityLabel: "LOW",
        status: "active",
        workflowStatus: null,
        recordState: "ACTIVE",
        complianceStatus: null,
        controlId: null,
        productName: "GuardDuty",
        resourceType: "Instance",
        resourceId: "i-0abc",
        firstSeenAt: new Date("2024-02-28T08:00:00.000Z"),
        lastSeenAt: new Date("2024-03-01T09:59:00.000Z"),
        updatedAt: new Date("2024-03-01T10:05:00.000Z"),
        linkedGuardDutyId: null,
        raw: sdkFinding,
      },
    });
  });

  test("normalises a wire (camelCase) finding and keeps raw untouched", () => {
    const result = normaliseGuardDutyFinding(wireFinding);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      sourceId: "def456",
      region: "us-east-1",
      severity: 80,
      severityLabel: "HIGH",
      status: "archived",
      recordState: "ARCHIVED",
      resourceType: "S3Bucket",
      resourceId: "logs-bucket",
    });
    expect(result.value.raw).toBe(wireFinding);
  });

  test.each([
    ["AccessKey", { AccessKeyDetails: { AccessKeyId: "ASIAEXAMPLE", UserName: "alice" } }, "ASIAEXAMPLE"],
    ["AccessKey", { AccessKeyDetails: { UserName: "alice" } }, "alice"],
    ["EKSCluster", { EksClusterDetails: { Name: "prod" } }, "prod"],
    ["ECSCluster", { ecsClusterDetails: { name: "jobs" } }, "jobs"],
    ["Lambda", { LambdaDetails: { FunctionName: "fn" } }, "fn"],
    ["RDSDBInstance", { RdsDbInstanceDetails: { DbInstanceIdentifier: "db-1" } }, "db-1"],
    ["AttackSequence", {}, null],
  ])("derives the %s resource id", (resourceType, details, expected) => {
    const result = normaliseGuardDutyFinding({ ...sdkFinding, Resource: { ResourceType: resourceType, ...details } });
    expect(result.ok && result.value.resourceId).toBe(expected);
  });

  test("falls back to CreatedAt/UpdatedAt when the service has no event times", () => {
    const result = normaliseGuardDutyFinding({ ...sdkFinding, Service: { Archived: false } });
    expect(result.ok && [result.value.firstSeenAt, result.value.lastSeenAt]).toEqual([
      new Date("2024-03-01T10:00:00.000Z"),
      new Date("2024-03-01T10:05:00.000Z"),
    ]);
  });

  test("takes region and account from the Arn when the fields are absent", () => {
    const { Region: _region, AccountId: _account, ...rest } = sdkFinding;
    const result = normaliseGuardDutyFinding(rest);
    expect(result.ok && [result.value.region, result.value.accountId]).toEqual(["eu-west-1", "111122223333"]);
  });

  test("accepts Panther-style zone-less timestamps as UTC", () => {
    const result = normaliseGuardDutyFinding({ ...sdkFinding, UpdatedAt: "2025-02-25 20:40:06.721" });
    expect(result.ok && result.value.updatedAt.toISOString()).toBe("2025-02-25T20:40:06.721Z");
  });

  test.each([
    [{ ...sdkFinding, AccountId: undefined, Arn: undefined }, "missing AccountId"],
    [{ ...sdkFinding, Severity: 11 }, "Severity: expected a number from 0 to 10"],
    [{ ...sdkFinding, Severity: "high" }, "Severity"],
    [{ ...sdkFinding, Service: undefined }, "missing Service"],
    [{ ...sdkFinding, UpdatedAt: "soon" }, 'UpdatedAt: not a timestamp: "soon"'],
    [{ ...sdkFinding, AccountId: "12" }, "AccountId: expected a 12-digit account id"],
  ])("rejects a malformed finding with a reason naming the field (%#)", (record, reason) => {
    const result = normaliseGuardDutyFinding(record);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });

  test("rejects non-objects", () => {
    for (const value of [null, 42, "x", []]) expect(normaliseGuardDutyFinding(value).ok).toBe(false);
  });
});
