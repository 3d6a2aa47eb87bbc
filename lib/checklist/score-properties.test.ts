import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { evaluateAccount } from "./evaluate-account";
import type { AccountEvidence, ControlResult, SecurityEvent, ThreatFinding } from "./evidence";
import { CHECKLIST_ITEMS } from "./items";
import { scoreEvidence } from "./score-evidence";
import { TEST_NOW, makeEvidence, makeTrail } from "./test-factories";

/**
 * Properties of the pure evaluation (fast-check). Generated evidence stays on resources that
 * never change which services count as used (account-level and IAM-user results, threats
 * without a resource type), because a new service legitimately brings new duties with it.
 */
const alwaysControls = [
  ...new Set(
    CHECKLIST_ITEMS.filter((item) => item.appliesWhen.kind === "always" && item.evidence.kind === "controls").flatMap(
      (item) => item.controlIds,
    ),
  ),
].sort();
const regions = ["eu-west-1", "us-east-1"];
const DAY_MS = 86_400_000;

const controlArb: fc.Arbitrary<ControlResult> = fc
  .record({
    n: fc.integer({ min: 0, max: 1_000_000 }),
    controlId: fc.constantFrom(...alwaysControls),
    status: fc.constantFrom("PASSED", "FAILED", "WARNING", "NOT_AVAILABLE" as const),
    resource: fc.constantFrom("AWS::::Account:111122223333", "arn:aws:iam::111122223333:user/a", "arn:aws:iam::111122223333:user/b"),
    region: fc.constantFrom(...regions),
    workflowStatus: fc.constantFrom("NEW", "NOTIFIED", "SUPPRESSED", "RESOLVED"),
    ageHours: fc.integer({ min: 0, max: 200 }),
  })
  .map((value) => ({
    findingId: `finding-${value.n}`,
    controlId: value.controlId,
    status: value.status as ControlResult["status"],
    resourceType: value.resource.startsWith("AWS::") ? "AwsAccount" : "AwsIamUser",
    resourceId: value.resource,
    region: value.region,
    severityLabel: "MEDIUM",
    workflowStatus: value.workflowStatus,
    updatedAt: new Date(TEST_NOW.getTime() - value.ageHours * 3_600_000),
  }));

const threatArb: fc.Arbitrary<ThreatFinding> = fc
  .record({
    n: fc.integer({ min: 0, max: 1_000_000 }),
    label: fc.constantFrom("LOW", "MEDIUM", "HIGH", "CRITICAL" as const),
    age: fc.integer({ min: 0, max: 60 }),
    region: fc.constantFrom(...regions),
  })
  .map((value) => ({
    findingId: `threat-${value.n}`,
    source: "guardduty" as const,
    type: "Recon:EC2/PortProbeUnprotectedPort",
    title: "probe",
    severity: { LOW: 20, MEDIUM: 50, HIGH: 75, CRITICAL: 95 }[value.label],
    severityLabel: value.label,
    region: value.region,
    firstSeenAt: new Date(TEST_NOW.getTime() - value.age * DAY_MS),
    lastSeenAt: TEST_NOW,
    resourceType: null,
  }));

const ACTS: Array<Pick<SecurityEvent, "eventName" | "eventSource">> = [
  { eventName: "ConsoleLogin", eventSource: "signin.amazonaws.com" },
  { eventName: "StopLogging", eventSource: "cloudtrail.amazonaws.com" },
  { eventName: "DeleteTrail", eventSource: "cloudtrail.amazonaws.com" },
  { eventName: "DeleteDetector", eventSource: "guardduty.amazonaws.com" },
  { eventName: "DisableSecurityHub", eventSource: "securityhub.amazonaws.com" },
  { eventName: "CreateAccessKey", eventSource: "iam.amazonaws.com" },
];

const eventArb = (outcome: "any" | "attempt"): fc.Arbitrary<SecurityEvent> =>
  fc
    .record({
      n: fc.integer({ min: 0, max: 1_000_000 }),
      act: fc.constantFrom(...ACTS),
      userType: fc.constantFrom("Root", "IAMUser", "AssumedRole"),
      mfa: fc.boolean(),
      age: fc.integer({ min: 0, max: 60 }),
      result: outcome === "attempt" ? fc.constantFrom("failure", "denied") : fc.constantFrom("success", "failure", "denied"),
    })
    .map((value) => ({
      eventId: `${outcome}-event-${value.n}`,
      ...value.act,
      eventTime: new Date(TEST_NOW.getTime() - value.age * DAY_MS),
      region: "us-east-1",
      userType: value.userType,
      userArn: null,
      errorCode: value.result === "denied" && value.act.eventName !== "ConsoleLogin" ? "AccessDenied" : null,
      errorMessage: value.result === "success" ? null : value.act.eventName === "ConsoleLogin" ? "Failed authentication" : "refused",
      loginResult: value.act.eventName === "ConsoleLogin" ? (value.result === "success" ? "Success" : "Failure") : null,
      invokedBy: null,
      eventType: value.act.eventName === "ConsoleLogin" ? "AwsConsoleSignIn" : "AwsApiCall",
      requestParameters: null,
      mfaUsed: value.act.eventName === "ConsoleLogin" ? value.mfa : null,
    }));

const evidenceArb: fc.Arbitrary<AccountEvidence> = fc
  .record({
    // Unique on the keys the store enforces: a finding's (source, id) and an event's (id, time).
    controls: fc.uniqueArray(controlArb, { maxLength: 25, selector: (control) => control.findingId }),
    threats: fc.uniqueArray(threatArb, { maxLength: 5, selector: (threat) => `${threat.source}/${threat.findingId}` }),
    events: fc.uniqueArray(eventArb("any"), { maxLength: 10, selector: (event) => `${event.eventId}@${event.eventTime.getTime()}` }),
  })
  .map((parts) => makeEvidence({ ...parts, trails: [makeTrail()] }));

const EVENT_ITEMS = CHECKLIST_ITEMS.filter((item) => item.evidence.kind === "risky_events").map((item) => item.id);
const score = (evidence: AccountEvidence) => scoreEvidence(evidence).score ?? 0;
const RUNS = { numRuns: 150 };

describe("score properties", () => {
  test("adding a PASSED result never lowers the score", () => {
    fc.assert(
      fc.property(evidenceArb, controlArb, (evidence, control) => {
        const passed = {
          ...control,
          findingId: `added-${control.findingId}`,
          status: "PASSED" as const,
          workflowStatus: "NEW",
          updatedAt: TEST_NOW,
        };
        expect(score({ ...evidence, controls: [...evidence.controls, passed] })).toBeGreaterThanOrEqual(score(evidence));
      }),
      RUNS,
    );
  });

  test("adding a failed or denied attempt never changes an event item", () => {
    fc.assert(
      fc.property(evidenceArb, fc.array(eventArb("attempt"), { minLength: 1, maxLength: 5 }), (evidence, attempts) => {
        const before = evaluateAccount(evidence).filter((result) => EVENT_ITEMS.includes(result.itemId));
        const after = evaluateAccount({ ...evidence, events: [...evidence.events, ...attempts] }).filter((result) =>
          EVENT_ITEMS.includes(result.itemId),
        );
        expect(after).toEqual(before);
      }),
      RUNS,
    );
  });

  test("the result does not depend on record order", () => {
    fc.assert(
      fc.property(evidenceArb, fc.integer(), (evidence, salt) => {
        const shuffle = <T>(list: T[]) =>
          list
            .map((value, index) => ({ value, key: (index * 2654435761 + salt) >>> 0 }))
            .sort((a, b) => a.key - b.key)
            .map((entry) => entry.value);
        const shuffled = {
          ...evidence,
          controls: shuffle(evidence.controls),
          threats: shuffle(evidence.threats),
          events: shuffle(evidence.events),
        };
        expect(evaluateAccount(shuffled)).toEqual(evaluateAccount(evidence));
      }),
      RUNS,
    );
  });

  test("archiving a failure never lowers the score", () => {
    fc.assert(
      fc.property(evidenceArb, fc.nat(), (evidence, pick) => {
        // A FAILED result the team marked RESOLVED decides nothing until the next check (it may
        // hide an older open copy of the same check), so it is not a failure to archive.
        const failures = [
          ...evidence.controls.filter((control) => control.status === "FAILED" && control.workflowStatus !== "RESOLVED"),
          ...evidence.threats,
        ];
        fc.pre(failures.length > 0);
        const archived = failures[pick % failures.length]!;
        const after = {
          ...evidence,
          controls: evidence.controls.filter((control) => control !== archived),
          threats: evidence.threats.filter((threat) => threat !== archived),
        };
        expect(score(after)).toBeGreaterThanOrEqual(score(evidence));
      }),
      RUNS,
    );
  });

  test("a score is deterministic for the same evidence and time", () => {
    fc.assert(
      fc.property(evidenceArb, (evidence) => {
        expect(scoreEvidence(structuredClone(evidence))).toEqual(scoreEvidence(evidence));
      }),
      { numRuns: 50 },
    );
  });
});
