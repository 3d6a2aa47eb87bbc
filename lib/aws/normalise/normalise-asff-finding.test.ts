import { beforeEach, describe, expect, test, vi } from "vitest";

import { normaliseAsffFinding } from "./normalise-asff-finding";

// The legacy-id mapping has its own tests; here we only check what is handed to it.
const mapLegacyControlId = vi.hoisted(() => vi.fn((_input: Record<string, string | null | undefined>): string | null => "MAPPED.1"));
vi.mock("@/lib/aws/normalise/map-legacy-control-id", () => ({ mapLegacyControlId }));

const consolidatedControl = {
  SchemaVersion: "2018-10-08",
  Id: "arn:aws:securityhub:us-east-1:111122223333:security-control/IAM.6/finding/0f1e2d3c",
  ProductArn: "arn:aws:securityhub:us-east-1::product/aws/securityhub",
  ProductName: "Security Hub",
  CompanyName: "AWS",
  Region: "us-east-1",
  GeneratorId: "security-control/IAM.6",
  AwsAccountId: "111122223333",
  Types: ["Software and Configuration Checks/Industry and Regulatory Standards"],
  FirstObservedAt: "2024-01-01T00:00:00.000Z",
  LastObservedAt: "2024-03-01T00:00:00.000Z",
  CreatedAt: "2024-01-01T00:00:00.000Z",
  UpdatedAt: "2024-03-01T00:05:00.000Z",
  Severity: { Label: "CRITICAL", Normalized: 90, Original: "CRITICAL" },
  Title: "Hardware MFA should be enabled for the root user",
  Description: "This AWS control checks whether your AWS account is enabled to use a hardware MFA device.",
  Resources: [{ Type: "AwsAccount", Id: "AWS::::Account:111122223333", Partition: "aws", Region: "us-east-1" }],
  Compliance: { Status: "FAILED", SecurityControlId: "IAM.6" },
  WorkflowState: "NEW",
  Workflow: { Status: "NEW" },
  RecordState: "ACTIVE",
  ProductFields: { "aws/securityhub/ProductName": "Security Hub" },
};

const legacyCisControl = {
  ...consolidatedControl,
  Id: "arn:aws:securityhub:us-east-1:111122223333:subscription/cis-aws-foundations-benchmark/v/1.2.0/1.14/finding/abc",
  GeneratorId: "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.14",
  Compliance: { Status: "FAILED" },
  ProductName: undefined,
  ProductFields: {
    StandardsGuideArn: "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0",
    RuleId: "1.14",
    "aws/securityhub/ProductName": "Security Hub",
  },
};

const guardDutyCopy = {
  SchemaVersion: "2018-10-08",
  Id: "arn:aws:guardduty:us-east-1:111122223333:detector/det1/finding/46ba0ac2845071e23ccdeb2ae03bfdea",
  ProductArn: "arn:aws:securityhub:us-east-1::product/aws/guardduty",
  GeneratorId: "arn:aws:guardduty:us-east-1:111122223333:detector/det1",
  AwsAccountId: "111122223333",
  Types: ["TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce"],
  CreatedAt: "2020-08-22T09:34:34.146Z",
  UpdatedAt: "2020-09-30T12:14:00.206Z",
  Severity: { Product: 2, Label: "LOW", Normalized: 20 },
  Title: "SSH brute force against i-0c10",
  Description: "Brute force.",
  ProductFields: { "aws/guardduty/service/archived": "false" },
  Resources: [{ Type: "AwsEc2Instance", Id: "arn:aws:ec2:us-east-1:111122223333:instance/i-0c10" }],
  RecordState: "ACTIVE",
};

beforeEach(() => {
  mapLegacyControlId.mockClear();
});

describe("normaliseAsffFinding", () => {
  test("normalises a consolidated control finding", () => {
    expect(normaliseAsffFinding(consolidatedControl)).toEqual({
      ok: true,
      value: {
        source: "securityhub",
        sourceId: consolidatedControl.Id,
        accountId: "111122223333",
        region: "us-east-1",
        type: "Software and Configuration Checks/Industry and Regulatory Standards",
        title: "Hardware MFA should be enabled for the root user",
        description: consolidatedControl.Description,
        severity: 90,
        severityLabel: "CRITICAL",
        status: "active",
        workflowStatus: "NEW",
        recordState: "ACTIVE",
        complianceStatus: "FAILED",
        controlId: "IAM.6",
        productName: "Security Hub",
        resourceType: "AwsAccount",
        resourceId: "AWS::::Account:111122223333",
        firstSeenAt: new Date("2024-01-01T00:00:00.000Z"),
        lastSeenAt: new Date("2024-03-01T00:00:00.000Z"),
        updatedAt: new Date("2024-03-01T00:05:00.000Z"),
        linkedGuardDutyId: null,
        raw: consolidatedControl,
      },
    });
    expect(mapLegacyControlId).not.toHaveBeenCalled();
  });

  test("maps a legacy per-standard finding through mapLegacyControlId", () => {
    const result = normaliseAsffFinding(legacyCisControl);
    expect(mapLegacyControlId).toHaveBeenCalledWith({
      controlId: null,
      ruleId: "1.14",
      standardsArn: "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0",
      generatorId: legacyCisControl.GeneratorId,
    });
    expect(result.ok && result.value.controlId).toBe("MAPPED.1");
    expect(result.ok && result.value.productName).toBe("Security Hub");
  });

  test("does not read a third-party GeneratorId as a control id", () => {
    const prowler = { ...consolidatedControl, ProductArn: "arn:aws:securityhub:us-east-1::product/prowler/prowler", Compliance: undefined };
    const result = normaliseAsffFinding(prowler);
    expect(result.ok && result.value.controlId).toBeNull();
    expect(mapLegacyControlId).not.toHaveBeenCalled();
  });

  test("links a Security Hub copy of a GuardDuty finding to the GuardDuty id", () => {
    const result = normaliseAsffFinding(guardDutyCopy);
    expect(result.ok && result.value).toMatchObject({
      linkedGuardDutyId: "46ba0ac2845071e23ccdeb2ae03bfdea",
      region: "us-east-1",
      severity: 20,
      severityLabel: "LOW",
      controlId: null,
      productName: null,
      firstSeenAt: new Date("2020-08-22T09:34:34.146Z"),
    });
  });

  test("links through the console URL when the Id is not a GuardDuty ARN", () => {
    const result = normaliseAsffFinding({
      ...guardDutyCopy,
      Id: "opaque",
      ProductName: "GuardDuty",
      SourceUrl: "https://us-east-1.console.aws.amazon.com/guardduty/home?region=us-east-1#/findings?macros=current&fId=46ba0ac2",
    });
    expect(result.ok && result.value.linkedGuardDutyId).toBe("46ba0ac2");
  });

  test.each([
    [{ RecordState: "ARCHIVED", Workflow: { Status: "RESOLVED" } }, "archived"],
    [{ Workflow: { Status: "RESOLVED" } }, "resolved"],
    [{ Workflow: { Status: "SUPPRESSED" } }, "suppressed"],
    [{ Workflow: { Status: "NEW" }, Compliance: { Status: "PASSED", SecurityControlId: "IAM.6" } }, "resolved"],
    [{ Workflow: { Status: "NOTIFIED" }, Compliance: { Status: "WARNING" } }, "active"],
    [{ Workflow: undefined, WorkflowState: "RESOLVED" }, "resolved"],
  ])("derives status %#", (patch, status) => {
    const result = normaliseAsffFinding({ ...consolidatedControl, ...patch });
    expect(result.ok && result.value.status).toBe(status);
  });

  test.each([
    [{ Label: "HIGH" }, 70, "HIGH"],
    [{ Normalized: 55 }, 55, "MEDIUM"],
    [{ Normalized: 0 }, 0, "INFORMATIONAL"],
    [{ Label: "LOW", Normalized: 39 }, 39, "LOW"],
    [{ Product: 65 }, 65, "MEDIUM"],
  ])("derives severity from %j", (severity, score, label) => {
    const result = normaliseAsffFinding({ ...consolidatedControl, Severity: severity });
    expect(result.ok && [result.value.severity, result.value.severityLabel]).toEqual([score, label]);
  });

  test("scales a GuardDuty copy's Product severity from 0-10", () => {
    const result = normaliseAsffFinding({ ...guardDutyCopy, Severity: { Product: 7.5 } });
    expect(result.ok && [result.value.severity, result.value.severityLabel]).toEqual([75, "HIGH"]);
  });

  test("uses FindingProviderFields.Severity when Severity is absent", () => {
    const result = normaliseAsffFinding({
      ...consolidatedControl,
      Severity: undefined,
      FindingProviderFields: { Severity: { Label: "MEDIUM" } },
    });
    expect(result.ok && result.value.severityLabel).toBe("MEDIUM");
  });

  test("takes the region from the ProductArn when Region is absent", () => {
    const result = normaliseAsffFinding({
      ...consolidatedControl,
      Region: undefined,
      ProductArn: "arn:aws:securityhub:ap-southeast-2::product/aws/securityhub",
    });
    expect(result.ok && result.value.region).toBe("ap-southeast-2");
  });

  test.each([
    [{ AwsAccountId: undefined }, "missing AwsAccountId"],
    [{ Severity: undefined }, "missing Severity"],
    [{ Severity: { Label: "SEVERE" } }, "Severity.Label"],
    [{ CreatedAt: "tomorrow" }, "CreatedAt: not a timestamp"],
    [{ Title: undefined }, "missing Title"],
    [{ Types: undefined, GeneratorId: undefined }, "missing Types"],
  ])("rejects a malformed finding with a reason naming the field (%#)", (patch, reason) => {
    const result = normaliseAsffFinding({ ...consolidatedControl, ...patch });
    expect(!result.ok && result.reason).toContain(reason);
  });
});
