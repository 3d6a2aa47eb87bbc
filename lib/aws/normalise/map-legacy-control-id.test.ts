import { describe, expect, test } from "vitest";

import { mapLegacyControlId } from "./map-legacy-control-id";

const CIS_12 = "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0";
const CIS_14 = "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/1.4.0";

describe("mapLegacyControlId", () => {
  test("CIS v1.2.0 RuleId, with or without the standards ARN", () => {
    expect(mapLegacyControlId({ ruleId: "1.14", standardsArn: CIS_12 })).toBe("IAM.6");
    expect(mapLegacyControlId({ ruleId: "1.3" })).toBe("IAM.8");
    expect(mapLegacyControlId({ generatorId: `${CIS_12}/rule/4.1` })).toBe("EC2.13");
  });

  test("the same number means different controls in CIS v1.2.0 and v1.4.0", () => {
    expect(mapLegacyControlId({ controlId: "1.4", standardsArn: CIS_12 })).toBe("IAM.3");
    expect(mapLegacyControlId({ controlId: "1.4", standardsArn: CIS_14 })).toBe("IAM.4");
    expect(mapLegacyControlId({ controlId: "CIS.1.5", standardsArn: CIS_14 })).toBe("IAM.9");
    expect(mapLegacyControlId({ generatorId: "cis-aws-foundations-benchmark/v/1.4.0/3.7" })).toBe("CloudTrail.2");
    expect(mapLegacyControlId({ controlId: "2.1.5.2", standardsArn: CIS_14 })).toBe("S3.8");
  });

  test("a numeric ControlId without a known standard is ambiguous: null", () => {
    expect(mapLegacyControlId({ controlId: "1.4" })).toBeNull();
  });

  test("PCI DSS ids", () => {
    expect(mapLegacyControlId({ controlId: "PCI.IAM.1" })).toBe("IAM.4");
    expect(mapLegacyControlId({ controlId: "PCI.S3.1" })).toBe("S3.3");
    expect(mapLegacyControlId({ controlId: "PCI.KMS.1" })).toBe("KMS.4");
    expect(mapLegacyControlId({ generatorId: "pci-dss/v/3.2.1/PCI.CloudTrail.1" })).toBe("CloudTrail.2");
    expect(mapLegacyControlId({ controlId: "PCI.Nope.9" })).toBeNull();
  });

  test("FSBP and Control Tower ids are already consolidated", () => {
    expect(
      mapLegacyControlId({
        controlId: "S3.1",
        standardsArn: "arn:aws:securityhub:::standards/aws-foundational-security-best-practices/v/1.0.0",
      }),
    ).toBe("S3.1");
    expect(mapLegacyControlId({ generatorId: "aws-foundational-security-best-practices/v/1.0.0/RDS.7" })).toBe("RDS.7");
    expect(mapLegacyControlId({ controlId: "CT.CloudTrail.2" })).toBe("CloudTrail.2");
    expect(mapLegacyControlId({ generatorId: "security-control/IAM.4" })).toBe("IAM.4");
  });

  test("malformed or empty input gives null", () => {
    expect(mapLegacyControlId({})).toBeNull();
    expect(mapLegacyControlId({ controlId: "", ruleId: null, standardsArn: null, generatorId: null })).toBeNull();
    expect(mapLegacyControlId({ generatorId: "lambda-finding" })).toBeNull();
    expect(mapLegacyControlId({ controlId: "9.99", standardsArn: CIS_12 })).toBeNull();
  });
});
