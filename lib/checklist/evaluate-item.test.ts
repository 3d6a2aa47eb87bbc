import { describe, expect, test } from "vitest";

import { evaluateItem } from "./evaluate-item";
import { CHECKLIST_ITEMS } from "./items";
import {
  TEST_NOW,
  daysAgo,
  makeAcceptance,
  makeControl,
  makeDetector,
  makeEvent,
  makeEvidence,
  makeHub,
  makeThreat,
  makeTrail,
  sourceStates,
} from "./test-factories";
import type { ChecklistItem } from "./types";

function item(id: string): ChecklistItem {
  const found = CHECKLIST_ITEMS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

const sg = (id: string, controlId: string, status: "PASSED" | "FAILED", region = "us-east-1") =>
  makeControl({
    controlId,
    status,
    resourceType: "AwsEc2SecurityGroup",
    resourceId: `arn:aws:ec2:${region}:111122223333:security-group/${id}`,
    region,
  });

describe("evaluateItem: controls rule", () => {
  test("passes when every resource passes", () => {
    const evidence = makeEvidence({ controls: [sg("sg-a", "EC2.13", "PASSED"), sg("sg-b", "EC2.13", "PASSED")] });
    const result = evaluateItem(item("NET-01"), evidence);
    expect(result).toMatchObject({ status: "pass", passing: 2, total: 2 });
    expect(result.evidence).toHaveLength(2);
  });

  test("is partial with passing/total per distinct resource, worst control result wins", () => {
    // sg-a passes EC2.14 but fails EC2.13 -> failing; sg-b and sg-c pass -> 2 of 3.
    const failing = sg("sg-a", "EC2.13", "FAILED");
    const evidence = makeEvidence({
      controls: [
        failing,
        sg("sg-a", "EC2.14", "PASSED"),
        sg("sg-b", "EC2.13", "PASSED"),
        sg("sg-b", "EC2.14", "PASSED"),
        sg("sg-c", "EC2.13", "PASSED"),
      ],
    });
    const result = evaluateItem(item("NET-01"), evidence);
    expect(result).toMatchObject({ status: "partial", passing: 2, total: 3 });
    expect(result.evidence[0]).toMatchObject({ kind: "control", id: failing.findingId });
  });

  test("fails when all resources fail, counting a global resource reported in two regions once", () => {
    const evidence = makeEvidence({
      controls: [
        makeControl({ controlId: "IAM.4", status: "FAILED", region: "us-east-1" }),
        makeControl({ controlId: "IAM.4", status: "FAILED", region: "eu-west-1" }),
      ],
    });
    expect(evaluateItem(item("IAM-01"), evidence)).toMatchObject({ status: "fail", passing: 0, total: 1 });
  });

  test("WARNING and NOT_AVAILABLE decide nothing: no_data", () => {
    const evidence = makeEvidence({
      controls: [makeControl({ controlId: "IAM.4", status: "WARNING" }), makeControl({ controlId: "IAM.4", status: "NOT_AVAILABLE" })],
    });
    const result = evaluateItem(item("IAM-01"), evidence);
    expect(result.status).toBe("no_data");
    expect(result.missingSources).toContain("securityhub-control:IAM.4");
  });

  test("an always-applicable item with no control results is no_data, never pass", () => {
    const result = evaluateItem(item("IAM-01"), makeEvidence());
    expect(result.status).toBe("no_data");
    expect(result.missingSources).toEqual(["securityhub-control:IAM.4"]);
  });

  test("Security Hub disabled everywhere: no_data naming the missing source", () => {
    const evidence = makeEvidence({
      sources: { guardduty: sourceStates("ok"), securityhub: sourceStates("disabled"), cloudtrail: sourceStates("ok") },
      controls: [makeControl({ controlId: "IAM.4", status: "PASSED" })],
    });
    const result = evaluateItem(item("IAM-01"), evidence);
    expect(result.status).toBe("no_data");
    expect(result.missingSources).toEqual(["securityhub:eu-west-1 (disabled)", "securityhub:us-east-1 (disabled)"]);
  });

  test("Security Hub error in one region: judged on the other, stale results of the failed region ignored, gap listed", () => {
    const evidence = makeEvidence({
      sources: {
        guardduty: sourceStates("ok"),
        securityhub: [
          { region: "eu-west-1", state: "error", error: "AccessDeniedException" },
          { region: "us-east-1", state: "ok", error: null },
        ],
        cloudtrail: sourceStates("ok"),
      },
      controls: [sg("sg-a", "EC2.13", "PASSED", "us-east-1"), sg("sg-b", "EC2.13", "FAILED", "eu-west-1")],
    });
    const result = evaluateItem(item("NET-01"), evidence);
    expect(result).toMatchObject({ status: "pass", passing: 1, total: 1 });
    expect(result.missingSources).toEqual(["securityhub:eu-west-1 (error: AccessDeniedException)"]);
  });

  test("not_applicable when the service is not used and Security Hub covered every region", () => {
    const evidence = makeEvidence({ controls: [makeControl({ controlId: "IAM.4" })] });
    const result = evaluateItem(item("DATA-08"), evidence);
    expect(result.status).toBe("not_applicable");
    expect(result.reason).toContain("rds");
  });

  test("no_data (not not_applicable) when usage cannot be judged because a region is missing", () => {
    const evidence = makeEvidence({
      sources: {
        guardduty: sourceStates("ok"),
        securityhub: [
          { region: "eu-west-1", state: "not_collected", error: null },
          { region: "us-east-1", state: "ok", error: null },
        ],
        cloudtrail: sourceStates("ok"),
      },
    });
    const result = evaluateItem(item("DATA-08"), evidence);
    expect(result.status).toBe("no_data");
    expect(result.missingSources).toEqual(["securityhub:eu-west-1 (not collected)"]);
  });

  test("account-level controls (AwsAccount) do not count as using a service", () => {
    const evidence = makeEvidence({ controls: [makeControl({ controlId: "EC2.7", status: "FAILED" })] });
    expect(evaluateItem(item("OS-01"), evidence).status).toBe("not_applicable");
  });

  test("results of the item's own controls on a real resource make it apply; account-level ones do not", () => {
    const snapshot = makeControl({ controlId: "EC2.1", status: "FAILED", resourceType: "AwsEc2Snapshot", resourceId: "snap-1" });
    expect(evaluateItem(item("DATA-07"), makeEvidence({ controls: [snapshot] }))).toMatchObject({ status: "fail", passing: 0, total: 1 });
    const defaultEncryption = makeControl({ controlId: "EC2.7", status: "FAILED" });
    expect(evaluateItem(item("DATA-06"), makeEvidence({ controls: [defaultEncryption] })).status).toBe("not_applicable");
  });

  test("multi-check account items count per control: 2 of 3 password-policy checks pass", () => {
    // IAM-10 counts by control and resource; the account appears in two regions for IAM.16.
    const evidence = makeEvidence({
      controls: [
        makeControl({ controlId: "IAM.15", status: "PASSED" }),
        makeControl({ controlId: "IAM.16", status: "FAILED", region: "us-east-1" }),
        makeControl({ controlId: "IAM.16", status: "FAILED", region: "eu-west-1" }),
        makeControl({ controlId: "IAM.7", status: "PASSED" }),
      ],
    });
    const result = evaluateItem(item("IAM-10"), evidence);
    expect(result).toMatchObject({ status: "partial", passing: 2, total: 3 });
    expect(result.reason).toContain("checks");
  });

  test("an RDS resource makes RDS items apply", () => {
    const evidence = makeEvidence({
      controls: [
        makeControl({
          controlId: "RDS.3",
          status: "FAILED",
          resourceType: "AwsRdsDbInstance",
          resourceId: "arn:aws:rds:us-east-1:111122223333:db:orders",
        }),
      ],
    });
    expect(evaluateItem(item("DATA-08"), evidence)).toMatchObject({ status: "fail", passing: 0, total: 1 });
    // Used, but no RDS.11/RDS.26 results: no_data, not a pass.
    expect(evaluateItem(item("BAK-01"), evidence).status).toBe("no_data");
  });
});

describe("evaluateItem: GuardDuty detectors", () => {
  test("passes when enabled in every region", () => {
    expect(evaluateItem(item("LOG-07"), makeEvidence())).toMatchObject({ status: "pass", passing: 2, total: 2 });
  });

  test("partial when one collected region has no detector", () => {
    const evidence = makeEvidence({
      sources: {
        guardduty: [
          { region: "eu-west-1", state: "disabled", error: null },
          { region: "us-east-1", state: "ok", error: null },
        ],
        securityhub: sourceStates("ok"),
        cloudtrail: sourceStates("ok"),
      },
      detectors: [makeDetector({ region: "us-east-1" })],
    });
    const result = evaluateItem(item("LOG-07"), evidence);
    expect(result).toMatchObject({ status: "partial", passing: 1, total: 2 });
    expect(result.reason).toContain("eu-west-1");
  });

  test("fails when a detector exists but is DISABLED everywhere", () => {
    const evidence = makeEvidence({
      detectors: [makeDetector({ region: "us-east-1", status: "DISABLED" }), makeDetector({ region: "eu-west-1", status: "DISABLED" })],
    });
    expect(evaluateItem(item("LOG-07"), evidence)).toMatchObject({ status: "fail", passing: 0, total: 2 });
  });

  test("no_data when GuardDuty collection failed everywhere", () => {
    const evidence = makeEvidence({
      sources: { guardduty: sourceStates("error"), securityhub: sourceStates("ok"), cloudtrail: sourceStates("ok") },
      detectors: [],
    });
    const result = evaluateItem(item("LOG-07"), evidence);
    expect(result.status).toBe("no_data");
    expect(result.missingSources).toHaveLength(2);
  });

  test("a failed region is missing, not failing: 1 of 1 known region passes", () => {
    const evidence = makeEvidence({
      sources: {
        guardduty: [
          { region: "eu-west-1", state: "error", error: "ThrottlingException" },
          { region: "us-east-1", state: "ok", error: null },
        ],
        securityhub: sourceStates("ok"),
        cloudtrail: sourceStates("ok"),
      },
      detectors: [makeDetector({ region: "us-east-1" })],
    });
    const result = evaluateItem(item("LOG-07"), evidence);
    expect(result).toMatchObject({ status: "pass", passing: 1, total: 1 });
    expect(result.missingSources).toEqual(["guardduty:eu-west-1 (error: ThrottlingException)"]);
  });

  test("protection plan feature: partial when off in one region", () => {
    const bucket = makeControl({ controlId: "S3.5", resourceType: "AwsS3Bucket", resourceId: "arn:aws:s3:::data" });
    const evidence = makeEvidence({
      controls: [bucket],
      detectors: [makeDetector({ region: "us-east-1" }), makeDetector({ region: "eu-west-1", features: { S3_DATA_EVENTS: "DISABLED" } })],
    });
    expect(evaluateItem(item("LOG-09"), evidence)).toMatchObject({ status: "partial", passing: 1, total: 2 });
  });
});

describe("evaluateItem: Security Hub hubs", () => {
  test("hub enabled: partial when disabled in one region", () => {
    const evidence = makeEvidence({
      sources: {
        guardduty: sourceStates("ok"),
        securityhub: [
          { region: "eu-west-1", state: "disabled", error: null },
          { region: "us-east-1", state: "ok", error: null },
        ],
        cloudtrail: sourceStates("ok"),
      },
      hubs: [makeHub({ region: "us-east-1" })],
    });
    expect(evaluateItem(item("LOG-08"), evidence)).toMatchObject({ status: "partial", passing: 1, total: 2 });
  });

  test("standards: partial when a running hub has no standard enabled", () => {
    const evidence = makeEvidence({ hubs: [makeHub({ region: "us-east-1" }), makeHub({ region: "eu-west-1", standards: [] })] });
    expect(evaluateItem(item("GOV-01"), evidence)).toMatchObject({ status: "partial", passing: 1, total: 2 });
  });

  test("standards: fail when Security Hub is off everywhere", () => {
    const evidence = makeEvidence({
      sources: { guardduty: sourceStates("ok"), securityhub: sourceStates("disabled"), cloudtrail: sourceStates("ok") },
      hubs: [],
    });
    expect(evaluateItem(item("GOV-01"), evidence).status).toBe("fail");
    expect(evaluateItem(item("LOG-08"), evidence)).toMatchObject({ status: "fail", passing: 0, total: 2 });
  });
});

describe("evaluateItem: active threats", () => {
  test("an active HIGH GuardDuty finding fails the item, and passes again once resolved", () => {
    const threat = makeThreat({ severityLabel: "HIGH", severity: 8 });
    const present = evaluateItem(item("LOG-11"), makeEvidence({ threats: [threat] }));
    expect(present.status).toBe("fail");
    expect(present.evidence).toEqual([expect.objectContaining({ kind: "finding", id: threat.findingId })]);
    // Resolved = archived = no longer passed in as an active threat.
    expect(evaluateItem(item("LOG-11"), makeEvidence({ threats: [] })).status).toBe("pass");
  });

  test("MEDIUM findings do not fail the high/critical item", () => {
    const evidence = makeEvidence({ threats: [makeThreat({ severityLabel: "MEDIUM", severity: 5 })] });
    expect(evaluateItem(item("LOG-11"), evidence).status).toBe("pass");
  });

  test("age rule: a MEDIUM finding open 40 days fails LOG-12, one open 10 days does not", () => {
    expect(
      evaluateItem(
        item("LOG-12"),
        makeEvidence({ threats: [makeThreat({ severityLabel: "MEDIUM", severity: 5, firstSeenAt: daysAgo(40) })] }),
      ).status,
    ).toBe("fail");
    expect(
      evaluateItem(
        item("LOG-12"),
        makeEvidence({ threats: [makeThreat({ severityLabel: "MEDIUM", severity: 5, firstSeenAt: daysAgo(10) })] }),
      ).status,
    ).toBe("pass");
  });

  test("no_data when GuardDuty is off everywhere: no findings cannot mean no threats", () => {
    const evidence = makeEvidence({
      sources: { guardduty: sourceStates("disabled"), securityhub: sourceStates("ok"), cloudtrail: sourceStates("ok") },
      detectors: [],
    });
    const result = evaluateItem(item("LOG-11"), evidence);
    expect(result.status).toBe("no_data");
    expect(result.missingSources).toEqual(["guardduty:eu-west-1 (disabled)", "guardduty:us-east-1 (disabled)"]);
  });

  const instance = makeControl({
    controlId: "EC2.8",
    resourceType: "AwsEc2Instance",
    resourceId: "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
  });
  const vulnerability = makeThreat({
    source: "securityhub",
    type: "Software and Configuration Checks/Vulnerabilities/CVE",
    severityLabel: "CRITICAL",
    severity: 95,
    resourceType: "AwsEc2Instance",
  });

  test("vulnerability item is no_data when nothing shows the scanner is on", () => {
    const result = evaluateItem(item("OS-03"), makeEvidence({ controls: [instance] }));
    expect(result.status).toBe("no_data");
    expect(result.missingSources).toContain("securityhub-control:Inspector.1");
  });

  test("vulnerability item fails when the scanner is off", () => {
    const scannerOff = makeControl({ controlId: "Inspector.1", status: "FAILED" });
    expect(evaluateItem(item("OS-03"), makeEvidence({ controls: [instance, scannerOff] })).status).toBe("fail");
  });

  test("vulnerability item: scanner on + critical CVE on an instance fails; scanner on + none passes", () => {
    const scannerOn = makeControl({ controlId: "Inspector.1", status: "PASSED" });
    expect(evaluateItem(item("OS-03"), makeEvidence({ controls: [instance, scannerOn], threats: [vulnerability] })).status).toBe("fail");
    expect(evaluateItem(item("OS-03"), makeEvidence({ controls: [instance, scannerOn] })).status).toBe("pass");
  });
});

describe("evaluateItem: CloudTrail events", () => {
  test("root use 10 days ago fails; the same 40 days ago has aged out", () => {
    const recent = makeEvent({ eventName: "CreateUser", eventSource: "iam.amazonaws.com", userType: "Root", eventTime: daysAgo(10) });
    const result = evaluateItem(item("IAM-03"), makeEvidence({ events: [recent] }));
    expect(result.status).toBe("fail");
    expect(result.evidence).toEqual([expect.objectContaining({ kind: "event", id: recent.eventId })]);
    expect(evaluateItem(item("IAM-03"), makeEvidence({ events: [{ ...recent, eventTime: daysAgo(40) }] })).status).toBe("pass");
  });

  test("a denied call (errorCode set) is not counted", () => {
    const denied = makeEvent({ eventName: "StopLogging", eventSource: "cloudtrail.amazonaws.com", errorCode: "AccessDenied" });
    expect(evaluateItem(item("LOG-13"), makeEvidence({ events: [denied] })).status).toBe("pass");
  });

  test("StopLogging and DeleteTrail fail logging tampering", () => {
    const stop = makeEvent({ eventName: "StopLogging", eventSource: "cloudtrail.amazonaws.com" });
    const remove = makeEvent({ eventName: "DeleteTrail", eventSource: "cloudtrail.amazonaws.com", eventTime: daysAgo(3) });
    const result = evaluateItem(item("LOG-13"), makeEvidence({ events: [remove, stop] }));
    expect(result.status).toBe("fail");
    // Newest first.
    expect(result.evidence.map((ref) => ref.id)).toEqual([stop.eventId, remove.eventId]);
  });

  test("disabling GuardDuty or Security Hub fails detection_disabled", () => {
    expect(
      evaluateItem(
        item("LOG-14"),
        makeEvidence({ events: [makeEvent({ eventName: "DeleteDetector", eventSource: "guardduty.amazonaws.com" })] }),
      ).status,
    ).toBe("fail");
    expect(
      evaluateItem(
        item("LOG-14"),
        makeEvidence({ events: [makeEvent({ eventName: "DisableSecurityHub", eventSource: "securityhub.amazonaws.com" })] }),
      ).status,
    ).toBe("fail");
    expect(
      evaluateItem(
        item("LOG-14"),
        makeEvidence({ events: [makeEvent({ eventName: "GetDetector", eventSource: "guardduty.amazonaws.com" })] }),
      ).status,
    ).toBe("pass");
  });

  test("console login without MFA fails for IAM users, not for federated roles", () => {
    expect(evaluateItem(item("IAM-05"), makeEvidence({ events: [makeEvent({ mfaUsed: false, userType: "IAMUser" })] })).status).toBe(
      "fail",
    );
    expect(evaluateItem(item("IAM-05"), makeEvidence({ events: [makeEvent({ mfaUsed: false, userType: "AssumedRole" })] })).status).toBe(
      "pass",
    );
    expect(evaluateItem(item("IAM-05"), makeEvidence({ events: [makeEvent({ mfaUsed: true, userType: "IAMUser" })] })).status).toBe("pass");
  });

  test("no_data when CloudTrail could not be collected anywhere", () => {
    const evidence = makeEvidence({
      sources: { guardduty: sourceStates("ok"), securityhub: sourceStates("ok"), cloudtrail: sourceStates("error") },
    });
    expect(evaluateItem(item("IAM-03"), evidence).status).toBe("no_data");
  });
});

describe("evaluateItem: CloudTrail trails", () => {
  test("multi-region logging trail passes; a stopped one fails; none fails", () => {
    expect(evaluateItem(item("LOG-01"), makeEvidence({ trails: [makeTrail()] })).status).toBe("pass");
    expect(evaluateItem(item("LOG-01"), makeEvidence({ trails: [makeTrail({ isLogging: false })] })).status).toBe("fail");
    expect(evaluateItem(item("LOG-01"), makeEvidence({ trails: [makeTrail({ isMultiRegion: false })] })).status).toBe("fail");
    expect(evaluateItem(item("LOG-01"), makeEvidence({ trails: [] })).reason).toBe("No CloudTrail trail exists.");
  });

  test("no trail: the evidence cites each region whose DescribeTrails came back empty, and when it was read", () => {
    const readAt = new Date("2026-03-01T09:12:00Z");
    const evidence = makeEvidence({
      regions: ["us-east-1", "eu-west-1", "ap-south-1"],
      sources: {
        guardduty: [],
        securityhub: [],
        cloudtrail: [
          { region: "us-east-1", state: "ok", error: null, asOf: readAt },
          { region: "eu-west-1", state: "disabled", error: null, asOf: readAt },
          { region: "ap-south-1", state: "error", error: "AccessDenied" },
        ],
      },
      trails: [],
    });
    const result = evaluateItem(item("LOG-01"), evidence);
    expect(result.status).toBe("fail");
    // The region that failed to read is not cited as read; it is a missing source instead.
    expect(result.evidence).toEqual([
      { kind: "source", id: "cloudtrail:eu-west-1", note: "DescribeTrails returned no trail; read at 2026-03-01 09:12 UTC" },
      { kind: "source", id: "cloudtrail:us-east-1", note: "DescribeTrails returned no trail; read at 2026-03-01 09:12 UTC" },
    ]);
    expect(result.missingSources).toEqual(["cloudtrail:ap-south-1 (error: AccessDenied)"]);
    const validation = evaluateItem(item("LOG-02"), evidence);
    expect(validation.reason).toBe("No CloudTrail trail exists.");
    expect(validation.evidence.map((ref) => ref.id)).toEqual(["cloudtrail:eu-west-1", "cloudtrail:us-east-1"]);
  });

  test("validation: partial over distinct logging trails (shadow copies counted once)", () => {
    const trail = makeTrail();
    const evidence = makeEvidence({
      trails: [trail, { ...trail }, makeTrail({ name: "app", homeRegion: "eu-west-1", isMultiRegion: false, logFileValidation: false })],
    });
    expect(evaluateItem(item("LOG-02"), evidence)).toMatchObject({ status: "partial", passing: 1, total: 2 });
  });

  test("KMS and CloudWatch Logs requirements", () => {
    expect(evaluateItem(item("LOG-03"), makeEvidence({ trails: [makeTrail({ kmsKeyId: null })] }))).toMatchObject({
      status: "fail",
      passing: 0,
      total: 1,
    });
    expect(evaluateItem(item("LOG-04"), makeEvidence({ trails: [makeTrail()] }))).toMatchObject({ status: "pass", passing: 1, total: 1 });
  });

  test("no_data when CloudTrail was not collected", () => {
    const evidence = makeEvidence({
      sources: { guardduty: sourceStates("ok"), securityhub: sourceStates("ok"), cloudtrail: sourceStates("not_collected") },
      trails: [makeTrail()],
    });
    expect(evaluateItem(item("LOG-02"), evidence).status).toBe("no_data");
  });
});

describe("evaluateItem: accepted risks", () => {
  const failing = makeControl({ controlId: "IAM.4", status: "FAILED" });

  test("an unexpired item acceptance keeps the raw fail but passes risk-adjusted", () => {
    const acceptance = makeAcceptance({ itemId: "IAM-01" });
    const result = evaluateItem(item("IAM-01"), makeEvidence({ controls: [failing], acceptances: [acceptance] }));
    expect(result.status).toBe("fail");
    expect(result.riskAdjusted).toEqual({ status: "pass", passing: 1, total: 1 });
    expect(result.accepted).toEqual({ reason: acceptance.reason, owner: acceptance.owner, expiresAt: acceptance.expiresAt });
  });

  test("expiry brings the failure back (expiresAt == now counts as expired)", () => {
    const acceptance = makeAcceptance({ itemId: "IAM-01", expiresAt: TEST_NOW });
    const result = evaluateItem(item("IAM-01"), makeEvidence({ controls: [failing], acceptances: [acceptance] }));
    expect(result.riskAdjusted.status).toBe("fail");
    expect(result.accepted).toBeUndefined();
  });

  test("an acceptance cannot create data", () => {
    const result = evaluateItem(item("IAM-01"), makeEvidence({ acceptances: [makeAcceptance({ itemId: "IAM-01" })] }));
    expect(result.status).toBe("no_data");
    expect(result.riskAdjusted.status).toBe("no_data");
  });

  test("accepting one failing finding counts that resource as passing risk-adjusted", () => {
    const bad = sg("sg-a", "EC2.13", "FAILED");
    const evidence = makeEvidence({
      controls: [bad, sg("sg-b", "EC2.13", "PASSED"), sg("sg-c", "EC2.13", "FAILED")],
      acceptances: [makeAcceptance({ itemId: "NET-01", findingId: bad.findingId })],
    });
    const result = evaluateItem(item("NET-01"), evidence);
    expect(result).toMatchObject({ status: "partial", passing: 1, total: 3 });
    expect(result.riskAdjusted).toEqual({ status: "partial", passing: 2, total: 3 });
    expect(result.acceptedFindings).toEqual([expect.objectContaining({ findingId: bad.findingId })]);
  });

  test("accepting the only active threat passes risk-adjusted, accepting for another item does not", () => {
    const threat = makeThreat();
    const accepted = evaluateItem(
      item("LOG-11"),
      makeEvidence({ threats: [threat], acceptances: [makeAcceptance({ itemId: "LOG-11", findingId: threat.findingId })] }),
    );
    expect(accepted.status).toBe("fail");
    expect(accepted.riskAdjusted.status).toBe("pass");
    const otherItem = evaluateItem(
      item("LOG-11"),
      makeEvidence({ threats: [threat], acceptances: [makeAcceptance({ itemId: "LOG-12", findingId: threat.findingId })] }),
    );
    expect(otherItem.riskAdjusted.status).toBe("fail");
  });
});
