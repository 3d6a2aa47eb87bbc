import { describe, expect, test } from "vitest";
import { evaluateAccount } from "./evaluate-account";
import { evaluateItem } from "./evaluate-item";
import type { AccountEvidence, ControlEnablement, SourceStatus } from "./evidence";
import { CHECKLIST_ITEMS } from "./items";
import { findEvidenceAsOf, markStaleSources } from "./mark-stale-sources";
import { scoreEvidence } from "./score-evidence";
import { TEST_NOW, TEST_REGIONS, daysAgo, makeControl, makeEvidence, makeTrail } from "./test-factories";
import type { ChecklistItem } from "./types";

/** The state rules of CHECKLIST.md, each with its expected status worked out by hand. */
function item(id: string): ChecklistItem {
  return CHECKLIST_ITEMS.find((candidate) => candidate.id === id)!;
}
const HOUR_MS = 3_600_000;
const bucket = (name: string) => ({ resourceType: "AwsS3Bucket", resourceId: `arn:aws:s3:::${name}` });

describe("one result per control and resource", () => {
  test("legacy and consolidated copies of one check count once; the newest decides", () => {
    // IAM-01 (IAM.4): a CIS 1.2 copy FAILED two days ago, the consolidated copy PASSED today.
    const legacy = makeControl({
      controlId: "IAM.4",
      status: "FAILED",
      updatedAt: daysAgo(2),
      findingId: "arn:aws:securityhub:us-east-1:111122223333:subscription/cis-aws-foundations-benchmark/v/1.2.0/1.12/finding/a",
    });
    const consolidated = makeControl({
      controlId: "IAM.4",
      status: "PASSED",
      updatedAt: daysAgo(0),
      findingId: "arn:aws:securityhub:us-east-1:111122223333:security-control/IAM.4/finding/b",
    });
    const result = evaluateItem(item("IAM-01"), makeEvidence({ controls: [legacy, consolidated] }));
    expect([result.status, result.passing, result.total]).toEqual(["pass", 1, 1]);
    const reversed = evaluateItem(item("IAM-01"), makeEvidence({ controls: [consolidated, legacy] }));
    expect([reversed.status, reversed.passing, reversed.total]).toEqual(["pass", 1, 1]);
  });

  test("two copies agreeing on FAILED are one failing resource, not two", () => {
    const controls = [
      makeControl({ controlId: "S3.8", status: "FAILED", ...bucket("logs"), updatedAt: daysAgo(1) }),
      makeControl({ controlId: "S3.8", status: "FAILED", ...bucket("logs"), updatedAt: daysAgo(1) }),
      makeControl({ controlId: "S3.8", status: "PASSED", ...bucket("data"), updatedAt: daysAgo(1) }),
    ];
    const result = evaluateItem(item("DATA-02"), makeEvidence({ controls }));
    expect([result.passing, result.total]).toEqual([1, 2]);
  });
});

describe("workflow state", () => {
  test("SUPPRESSED failure: raw fails, risk-adjusted passes (accepted by the team)", () => {
    const result = evaluateItem(
      item("IAM-01"),
      makeEvidence({ controls: [makeControl({ controlId: "IAM.4", status: "FAILED", workflowStatus: "SUPPRESSED" })] }),
    );
    expect(result.status).toBe("fail");
    expect(result.riskAdjusted).toEqual({ status: "pass", passing: 1, total: 1 });
    expect(result.reason).toContain("accepted by the team");
  });

  test("RESOLVED failure decides nothing until the next check", () => {
    const result = evaluateItem(
      item("IAM-01"),
      makeEvidence({ controls: [makeControl({ controlId: "IAM.4", status: "FAILED", workflowStatus: "RESOLVED" })] }),
    );
    expect(result.status).toBe("no_data");
  });
});

describe("control enablement", () => {
  const enablement = (overrides: Partial<ControlEnablement>): ControlEnablement[] =>
    TEST_REGIONS.map((region) => ({
      region,
      controlId: "IAM.4",
      standardArn: "arn:aws:securityhub:::standards/aws-foundational-security-best-practices/v/1.0.0",
      standardName: "AWS Foundational Security Best Practices v1.0.0",
      status: "ENABLED",
      disabledReason: null,
      statusSince: daysAgo(10),
      ...overrides,
    }));

  test("enabled for more than a day with no finding: not_applicable, no resources in scope", () => {
    const result = evaluateItem(item("IAM-01"), makeEvidence({ controlEnablement: enablement({}) }));
    expect(result.status).toBe("not_applicable");
    expect(result.reason).toContain("No resources in scope");
  });

  test("disabled: no_data naming the standard and who can enable it", () => {
    const result = evaluateItem(
      item("IAM-01"),
      makeEvidence({ controlEnablement: enablement({ status: "DISABLED", disabledReason: "Not relevant" }) }),
    );
    expect(result.status).toBe("no_data");
    expect(result.reason).toContain("IAM.4 is disabled in AWS Foundational Security Best Practices v1.0.0");
    expect(result.reason).toContain("Security Hub administrator");
  });

  test("enabled an hour ago: no_data, not evaluated yet", () => {
    const result = evaluateItem(
      item("IAM-01"),
      makeEvidence({ controlEnablement: enablement({ statusSince: new Date(TEST_NOW.getTime() - HOUR_MS) }) }),
    );
    expect(result.status).toBe("no_data");
    expect(result.reason).toContain("not evaluated yet");
  });

  test("a finding always wins over enablement", () => {
    const result = evaluateItem(
      item("IAM-01"),
      makeEvidence({ controlEnablement: enablement({}), controls: [makeControl({ controlId: "IAM.4", status: "FAILED" })] }),
    );
    expect(result.status).toBe("fail");
  });
});

describe("fallback to mapped Security Hub controls", () => {
  const imported = (regions = TEST_REGIONS): SourceStatus[] =>
    regions.map((region) => ({ region, state: "ok", error: null, origin: "imported", asOf: daysAgo(0) }));

  test("trail items fall back to CloudTrail.1/.4/.2/.5 when DescribeTrails was not read", () => {
    const evidence = makeEvidence({
      sources: { guardduty: imported(), securityhub: imported(), cloudtrail: imported() },
      trails: [],
      detectors: [],
      hubs: [],
      controls: [
        makeControl({ controlId: "CloudTrail.1", status: "PASSED" }),
        makeControl({
          controlId: "CloudTrail.4",
          status: "FAILED",
          resourceType: "AwsCloudTrailTrail",
          resourceId: "arn:aws:cloudtrail:us-east-1:111122223333:trail/t",
        }),
      ],
    });
    expect(evaluateItem(item("LOG-01"), evidence).status).toBe("pass");
    expect(evaluateItem(item("LOG-02"), evidence).status).toBe("fail");
    // No CloudTrail.2 result: no_data, never a pass.
    expect(evaluateItem(item("LOG-03"), evidence).status).toBe("no_data");
  });

  test("collected accounts whose trail reads failed fall back the same way", () => {
    const evidence = makeEvidence({
      sources: {
        guardduty: imported(),
        securityhub: imported(),
        cloudtrail: TEST_REGIONS.map((region) => ({ region, state: "error", error: "AccessDenied", origin: "collected", asOf: null })),
      },
      trails: [],
      controls: [makeControl({ controlId: "CloudTrail.1", status: "FAILED" })],
    });
    expect(evaluateItem(item("LOG-01"), evidence).status).toBe("fail");
  });

  test("GuardDuty enablement: imported GuardDuty findings prove it per region, else GuardDuty.1", () => {
    const evidence = makeEvidence({
      sources: {
        guardduty: imported(["us-east-1"]).concat([
          { region: "eu-west-1", state: "not_collected", error: null, origin: "collected", asOf: null },
        ]),
        securityhub: imported(),
        cloudtrail: imported(),
      },
      detectors: [],
      hubs: [],
      controls: [makeControl({ controlId: "GuardDuty.1", status: "FAILED", region: "eu-west-1" })],
    });
    const result = evaluateItem(item("LOG-07"), evidence);
    expect([result.status, result.passing, result.total]).toEqual(["partial", 1, 2]);
  });

  test("Security Hub enablement from imported findings", () => {
    const evidence = makeEvidence({
      sources: { guardduty: imported(), securityhub: imported(), cloudtrail: imported() },
      hubs: [],
      controls: [makeControl({ controlId: "IAM.4", region: "us-east-1" })],
    });
    const result = evaluateItem(item("LOG-08"), evidence);
    expect([result.status, result.passing, result.total]).toEqual(["pass", 2, 2]);
  });
});

describe("freshness", () => {
  const withAge = (hours: number): AccountEvidence => {
    const asOf = new Date(TEST_NOW.getTime() - hours * HOUR_MS);
    const fresh = (statuses: SourceStatus[]) => statuses.map((status) => ({ ...status, origin: "collected" as const, asOf }));
    const base = makeEvidence({ controls: [makeControl({ controlId: "IAM.4", status: "PASSED" })], trails: [makeTrail()] });
    return {
      ...base,
      sources: {
        guardduty: fresh(base.sources.guardduty),
        securityhub: fresh(base.sources.securityhub),
        cloudtrail: fresh(base.sources.cloudtrail),
      },
    };
  };

  test("evidence older than the limit (48 h by default) counts as missing", () => {
    expect(evaluateAccount(withAge(47)).find((result) => result.itemId === "IAM-01")!.status).toBe("pass");
    const stale = evaluateAccount(withAge(49)).find((result) => result.itemId === "IAM-01")!;
    expect(stale.status).toBe("no_data");
    expect(markStaleSources(withAge(49)).sources.securityhub.every((status) => status.state === "stale")).toBe(true);
    expect(evaluateAccount({ ...withAge(49), evidenceMaxAgeHours: 72 }).find((result) => result.itemId === "IAM-01")!.status).toBe("pass");
  });

  test("a dark account's coverage falls to zero instead of freezing", () => {
    expect(scoreEvidence(withAge(1)).coverage).toBeGreaterThan(0);
    expect(scoreEvidence(withAge(100)).coverage).toBe(0);
  });

  test("evidence as of is the oldest read used", () => {
    const evidence = withAge(5);
    evidence.sources.cloudtrail[0] = { ...evidence.sources.cloudtrail[0]!, asOf: new Date(TEST_NOW.getTime() - 30 * HOUR_MS) };
    expect(findEvidenceAsOf(evidence)).toEqual(new Date(TEST_NOW.getTime() - 30 * HOUR_MS));
    expect(scoreEvidence(evidence).evidenceAsOf).toEqual(new Date(TEST_NOW.getTime() - 30 * HOUR_MS));
  });
});
