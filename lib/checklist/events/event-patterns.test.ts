import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { normaliseCloudTrailEvent } from "@/lib/aws/normalise/normalise-cloudtrail-event";
import { evaluateItem } from "../evaluate-item";
import type { SecurityEvent } from "../evidence";
import { CHECKLIST_ITEMS } from "../items";
import { makeEvidence, makeTrail } from "../test-factories";
import { classifyEventOutcome } from "./classify-event-outcome";
import { findAttemptSignals, isAttemptCandidate } from "./find-attempt-signals";
import { toSecurityEvent } from "./to-security-event";

/**
 * Every event pattern with its success, failure, denied and service-invoked variants, on
 * records written in CloudTrail's own shape (user guide: "CloudTrail record contents",
 * "AWS console sign-in events", "userIdentity element"). Expected statuses are worked out by
 * hand from the rule in CHECKLIST.md: only a successful act fails an item; a failed or denied
 * attempt shows as a signal instead.
 */
const ACCOUNT = "111122223333";
const NOW = new Date("2026-11-20T12:00:00.000Z");
let sequence = 0;

const iamUser = {
  type: "IAMUser",
  principalId: "AIDACKCEVSQ6C2EXAMPLE",
  arn: `arn:aws:iam::${ACCOUNT}:user/anaya`,
  accountId: ACCOUNT,
  accessKeyId: "",
  userName: "anaya",
};
const root = { type: "Root", principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, accessKeyId: "" };
const role = {
  type: "AssumedRole",
  principalId: "AROAEXAMPLE:jane",
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_Admin/jane`,
  accountId: ACCOUNT,
  sessionContext: {
    sessionIssuer: {
      type: "Role",
      arn: `arn:aws:iam::${ACCOUNT}:role/AWSReservedSSO_Admin`,
      accountId: ACCOUNT,
      userName: "AWSReservedSSO_Admin",
    },
  },
};

function record(fields: Record<string, unknown>): Record<string, unknown> {
  sequence += 1;
  return {
    eventVersion: "1.08",
    userIdentity: iamUser,
    eventTime: "2026-11-19T10:00:00Z",
    awsRegion: "us-east-1",
    sourceIPAddress: "192.0.2.0",
    userAgent: "aws-cli/2.13.0",
    requestParameters: null,
    responseElements: null,
    eventID: `00000000-0000-4000-8000-${String(sequence).padStart(12, "0")}`,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    ...fields,
  };
}

function event(fields: Record<string, unknown>): SecurityEvent {
  const result = normaliseCloudTrailEvent(record(fields));
  if (!result.ok) throw new Error(result.reason);
  return toSecurityEvent(result.value);
}

const denied = {
  errorCode: "AccessDenied",
  errorMessage: "User: arn:aws:iam::111122223333:user/anaya is not authorized to perform this operation",
};

function signIn(identity: object, outcome: "Success" | "Failure", mfa: "Yes" | "No"): SecurityEvent {
  return event({
    userIdentity: identity,
    eventSource: "signin.amazonaws.com",
    eventName: "ConsoleLogin",
    eventType: "AwsConsoleSignIn",
    ...(outcome === "Failure" ? { errorMessage: "Failed authentication" } : {}),
    responseElements: { ConsoleLogin: outcome },
    additionalEventData: { LoginTo: "https://console.aws.amazon.com/console/home", MobileVersion: "No", MFAUsed: mfa },
  });
}

function statusOf(itemId: string, events: SecurityEvent[], trails = [makeTrail()]) {
  const item = CHECKLIST_ITEMS.find((candidate) => candidate.id === itemId)!;
  return evaluateItem(item, makeEvidence({ events, trails, now: NOW })).status;
}

describe("classifyEventOutcome", () => {
  test("success, failure and denial as CloudTrail records them", () => {
    expect(classifyEventOutcome(signIn(iamUser, "Success", "Yes"))).toBe("success");
    // A failed sign-in has no errorCode: errorMessage and ConsoleLogin = Failure say it.
    expect(classifyEventOutcome(signIn(iamUser, "Failure", "No"))).toBe("failure");
    expect(classifyEventOutcome(event({ eventSource: "cloudtrail.amazonaws.com", eventName: "StopLogging", ...denied }))).toBe("denied");
    expect(
      classifyEventOutcome(
        event({ eventSource: "ec2.amazonaws.com", eventName: "DeleteFlowLogs", errorCode: "Client.UnauthorizedOperation" }),
      ),
    ).toBe("denied");
    expect(
      classifyEventOutcome(
        event({
          eventSource: "cloudtrail.amazonaws.com",
          eventName: "StopLogging",
          errorCode: "TrailNotFoundException",
          errorMessage: "Unknown trail",
        }),
      ),
    ).toBe("failure");
  });
});

describe("IAM-05 console sign-ins without MFA", () => {
  test("a successful IAM user sign-in without MFA fails; with MFA passes", () => {
    expect(statusOf("IAM-05", [signIn(iamUser, "Success", "No")])).toBe("fail");
    expect(statusOf("IAM-05", [signIn(iamUser, "Success", "Yes")])).toBe("pass");
  });

  test("a failed sign-in (MFAUsed = No because nobody signed in) passes and shows as a signal", () => {
    const failures = [signIn(iamUser, "Failure", "No"), signIn(iamUser, "Failure", "No")];
    expect(statusOf("IAM-05", [...failures, signIn(iamUser, "Success", "Yes")])).toBe("pass");
    const signals = findAttemptSignals(failures, NOW, 30);
    expect(signals.map((signal) => [signal.kind, signal.count])).toEqual([["failed_console_sign_in", 2]]);
  });

  test("root: a successful sign-in without MFA fails, a failed one passes", () => {
    expect(statusOf("IAM-05", [signIn(root, "Success", "No")])).toBe("fail");
    expect(statusOf("IAM-05", [signIn(root, "Failure", "No")])).toBe("pass");
  });

  test("federated sign-ins are judged at the identity provider, not here", () => {
    expect(statusOf("IAM-05", [signIn(role, "Success", "No")])).toBe("pass");
  });
});

describe("IAM-03 root use (CIS definition)", () => {
  const rootCall = (fields: Record<string, unknown> = {}) =>
    event({ userIdentity: root, eventSource: "iam.amazonaws.com", eventName: "CreateAccessKey", ...fields });

  test("success fails the item", () => {
    expect(statusOf("IAM-03", [rootCall()])).toBe("fail");
    expect(statusOf("IAM-03", [signIn(root, "Success", "Yes")])).toBe("fail");
  });

  test("denied and failed calls pass and show as signals", () => {
    const attempts = [
      rootCall(denied),
      rootCall({ errorCode: "LimitExceededException", errorMessage: "Cannot exceed quota" }),
      signIn(root, "Failure", "No"),
    ];
    expect(statusOf("IAM-03", attempts)).toBe("pass");
    const signals = findAttemptSignals(attempts, NOW, 30);
    expect(signals.map((signal) => [signal.kind, signal.count])).toEqual([
      ["failed_root_sign_in", 1],
      ["denied_root_call", 2],
    ]);
  });

  test("service-invoked root events are not root use and not signals", () => {
    const viaService = rootCall({ userIdentity: { ...root, invokedBy: "support.amazonaws.com" } });
    const serviceEvent = event({
      userIdentity: { ...root },
      eventSource: "health.amazonaws.com",
      eventName: "HealthEvent",
      eventType: "AwsServiceEvent",
    });
    expect(statusOf("IAM-03", [viaService, serviceEvent])).toBe("pass");
    expect(findAttemptSignals([{ ...viaService, errorCode: "AccessDenied" }], NOW, 30)).toEqual([]);
  });
});

describe("LOG-13 logging tampering", () => {
  const trailCall = (eventName: string, fields: Record<string, unknown> = {}) =>
    event({ eventSource: "cloudtrail.amazonaws.com", eventName, ...fields });
  const trailArn = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail`;

  test("StopLogging and DeleteTrail: success fails, denied and failed pass with a signal", () => {
    expect(statusOf("LOG-13", [trailCall("StopLogging", { requestParameters: { name: trailArn } })])).toBe("fail");
    expect(statusOf("LOG-13", [trailCall("DeleteTrail", { requestParameters: { name: trailArn } })])).toBe("fail");
    const attempts = [
      trailCall("StopLogging", { requestParameters: { name: trailArn }, ...denied }),
      trailCall("DeleteTrail", { requestParameters: { name: "nope" }, errorCode: "TrailNotFoundException", errorMessage: "Unknown trail" }),
    ];
    expect(statusOf("LOG-13", attempts)).toBe("pass");
    expect(findAttemptSignals(attempts, NOW, 30).map((signal) => [signal.kind, signal.count])).toEqual([["denied_logging_tampering", 2]]);
  });

  test("service-invoked: a stack that stops the trail still stopped it", () => {
    const viaStack = trailCall("StopLogging", {
      userIdentity: { ...role, invokedBy: "cloudformation.amazonaws.com" },
      requestParameters: { name: trailArn },
    });
    expect(statusOf("LOG-13", [viaStack])).toBe("fail");
  });

  test("UpdateTrail fails only when it weakens recording or delivery", () => {
    expect(statusOf("LOG-13", [trailCall("UpdateTrail", { requestParameters: { name: trailArn, isMultiRegionTrail: false } })])).toBe(
      "fail",
    );
    expect(
      statusOf("LOG-13", [trailCall("UpdateTrail", { requestParameters: { name: trailArn, includeGlobalServiceEvents: false } })]),
    ).toBe("fail");
    expect(statusOf("LOG-13", [trailCall("UpdateTrail", { requestParameters: { name: trailArn, s3BucketName: "attacker-bucket" } })])).toBe(
      "fail",
    );
    expect(statusOf("LOG-13", [trailCall("UpdateTrail", { requestParameters: { name: trailArn, kmsKeyId: "" } })])).toBe("fail");
    expect(statusOf("LOG-13", [trailCall("UpdateTrail", { requestParameters: { name: trailArn, enableLogFileValidation: true } })])).toBe(
      "pass",
    );
    expect(
      statusOf("LOG-13", [trailCall("UpdateTrail", { requestParameters: { name: trailArn, isMultiRegionTrail: false }, ...denied })]),
    ).toBe("pass");
  });

  test("PutEventSelectors fails when management events stop being recorded", () => {
    // Shape of Panther's AWS.CloudTrail.EventSelectorsDisabled test record.
    const off = {
      trailName: "org-trail",
      eventSelectors: [
        {
          readWriteType: "ReadOnly",
          includeManagementEvents: false,
          dataResources: [{ type: "AWS::S3::Object", values: [] }],
          excludeManagementEventSources: [],
        },
      ],
    };
    const on = {
      trailName: "org-trail",
      eventSelectors: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] }],
    };
    const readOnly = { trailName: "org-trail", eventSelectors: [{ readWriteType: "ReadOnly", includeManagementEvents: true }] };
    const advancedOn = {
      trailName: "org-trail",
      advancedEventSelectors: [{ name: "mgmt", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] }],
    };
    const advancedDataOnly = {
      trailName: "org-trail",
      advancedEventSelectors: [
        {
          name: "s3",
          fieldSelectors: [
            { field: "eventCategory", equals: ["Data"] },
            { field: "resources.type", equals: ["AWS::S3::Object"] },
          ],
        },
      ],
    };
    expect(statusOf("LOG-13", [trailCall("PutEventSelectors", { requestParameters: off })])).toBe("fail");
    expect(statusOf("LOG-13", [trailCall("PutEventSelectors", { requestParameters: readOnly })])).toBe("fail");
    expect(statusOf("LOG-13", [trailCall("PutEventSelectors", { requestParameters: advancedDataOnly })])).toBe("fail");
    expect(statusOf("LOG-13", [trailCall("PutEventSelectors", { requestParameters: on })])).toBe("pass");
    expect(statusOf("LOG-13", [trailCall("PutEventSelectors", { requestParameters: advancedOn })])).toBe("pass");
    expect(statusOf("LOG-13", [trailCall("PutEventSelectors", { requestParameters: off, ...denied })])).toBe("pass");
  });

  test("disabling the trail's KMS key breaks delivery; another key does not", () => {
    const trail = makeTrail({ kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` });
    const disable = (keyId: string) => event({ eventSource: "kms.amazonaws.com", eventName: "DisableKey", requestParameters: { keyId } });
    expect(statusOf("LOG-13", [disable("1234abcd-12ab-34cd-56ef-1234567890ab")], [trail])).toBe("fail");
    expect(statusOf("LOG-13", [disable("ffffffff-12ab-34cd-56ef-1234567890ab")], [trail])).toBe("pass");
  });
});

describe("LOG-14 detection disabled", () => {
  const call = (eventSource: string, eventName: string, fields: Record<string, unknown> = {}) =>
    event({ eventSource, eventName, ...fields });

  test("switching GuardDuty, Security Hub, Config or Access Analyzer off fails", () => {
    for (const [source, name] of [
      ["guardduty.amazonaws.com", "DeleteDetector"],
      ["guardduty.amazonaws.com", "DisassociateFromAdministratorAccount"],
      ["securityhub.amazonaws.com", "DisableSecurityHub"],
      ["securityhub.amazonaws.com", "BatchDisableStandards"],
      ["config.amazonaws.com", "StopConfigurationRecorder"],
      ["config.amazonaws.com", "DeleteDeliveryChannel"],
      ["access-analyzer.amazonaws.com", "DeleteAnalyzer"],
    ] as const) {
      expect(statusOf("LOG-14", [call(source, name)]), `${source} ${name}`).toBe("fail");
      expect(statusOf("LOG-14", [call(source, name, denied)]), `denied ${source} ${name}`).toBe("pass");
    }
  });

  test("update calls fail only when they switch something off", () => {
    expect(
      statusOf("LOG-14", [
        call("guardduty.amazonaws.com", "UpdateDetector", {
          requestParameters: { detectorId: "12abc34d567e8fa901bc2d34e56789f0", enable: false },
        }),
      ]),
    ).toBe("fail");
    expect(
      statusOf("LOG-14", [
        call("guardduty.amazonaws.com", "UpdateDetector", {
          requestParameters: { detectorId: "12abc34d567e8fa901bc2d34e56789f0", features: [{ name: "S3_DATA_EVENTS", status: "DISABLED" }] },
        }),
      ]),
    ).toBe("fail");
    expect(
      statusOf("LOG-14", [
        call("guardduty.amazonaws.com", "UpdateDetector", {
          requestParameters: {
            detectorId: "12abc34d567e8fa901bc2d34e56789f0",
            enable: true,
            findingPublishingFrequency: "FIFTEEN_MINUTES",
          },
        }),
      ]),
    ).toBe("pass");
    expect(
      statusOf("LOG-14", [
        call("securityhub.amazonaws.com", "UpdateStandardsControl", {
          requestParameters: {
            standardsControlArn: "arn:aws:securityhub:us-east-1:111122223333:control/cis-aws-foundations-benchmark/v/1.2.0/1.1",
            controlStatus: "DISABLED",
            disabledReason: "noise",
          },
        }),
      ]),
    ).toBe("fail");
    expect(
      statusOf("LOG-14", [
        call("securityhub.amazonaws.com", "UpdateStandardsControl", {
          requestParameters: {
            standardsControlArn: "arn:aws:securityhub:us-east-1:111122223333:control/cis-aws-foundations-benchmark/v/1.2.0/1.1",
            controlStatus: "ENABLED",
          },
        }),
      ]),
    ).toBe("pass");
    expect(
      statusOf("LOG-14", [
        call("securityhub.amazonaws.com", "BatchUpdateStandardsControlAssociations", {
          requestParameters: {
            standardsControlAssociationUpdates: [
              {
                standardsArn: "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
                securityControlId: "IAM.1",
                associationStatus: "DISABLED",
                updatedReason: "noise",
              },
            ],
          },
        }),
      ]),
    ).toBe("fail");
  });

  test("service-invoked: an organisation-wide change still switched detection off", () => {
    expect(
      statusOf("LOG-14", [
        call("guardduty.amazonaws.com", "DeleteDetector", { userIdentity: { ...role, invokedBy: "organizations.amazonaws.com" } }),
      ]),
    ).toBe("fail");
  });

  test("denied attempts are signals", () => {
    const attempt = call("guardduty.amazonaws.com", "DeleteDetector", denied);
    expect(findAttemptSignals([attempt], NOW, 30).map((signal) => [signal.kind, signal.count, signal.eventIds])).toEqual([
      ["denied_detection_disabling", 1, [attempt.eventId]],
    ]);
  });
});

describe("attempt candidates (what find-account-attempt-signals reads)", () => {
  // Every event name any pattern judges, plus others, on every source any pattern judges,
  // plus others: whenever a failed event yields a signal, the query's filter must keep it.
  const NAMES = [
    "ConsoleLogin",
    "StopLogging",
    "DeleteTrail",
    "UpdateTrail",
    "PutEventSelectors",
    "DeleteEventDataStore",
    "StopEventDataStoreIngestion",
    "DisableKey",
    "ScheduleKeyDeletion",
    "DeleteDetector",
    "UpdateDetector",
    "DisableSecurityHub",
    "BatchDisableStandards",
    "UpdateStandardsControl",
    "BatchUpdateStandardsControlAssociations",
    "StopConfigurationRecorder",
    "DeleteAnalyzer",
    "DisassociateMembers",
    "GetObject",
    "CreateUser",
  ];
  const SOURCES = [
    "signin.amazonaws.com",
    "cloudtrail.amazonaws.com",
    "kms.amazonaws.com",
    "guardduty.amazonaws.com",
    "securityhub.amazonaws.com",
    "config.amazonaws.com",
    "access-analyzer.amazonaws.com",
    "s3.amazonaws.com",
    "iam.amazonaws.com",
    "ec2.amazonaws.com",
  ];
  const PARAMETERS = [
    null,
    { enable: false },
    { isMultiRegionTrail: false },
    { eventSelectors: [{ includeManagementEvents: false }] },
    { keyId: "arn:aws:kms:us-east-1:111122223333:key/trail-key" },
    { controlStatus: "DISABLED" },
    { standardsControlAssociationUpdates: [{ associationStatus: "DISABLED" }] },
  ];

  test("every failed event that yields a signal is a candidate, and a non-candidate never yields one", () => {
    const trails = [makeTrail({ kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/trail-key" })];
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.constantFrom(...SOURCES),
        fc.constantFrom(iamUser, root, role),
        fc.constantFrom(...PARAMETERS),
        (eventName, eventSource, identity, requestParameters) => {
          const failed = event({
            userIdentity: identity,
            eventSource,
            eventName,
            requestParameters,
            ...(eventName === "ConsoleLogin"
              ? { eventType: "AwsConsoleSignIn", errorMessage: "Failed authentication", responseElements: { ConsoleLogin: "Failure" } }
              : denied),
          });
          const signals = findAttemptSignals([failed], NOW, 30, trails);
          if (signals.length > 0) expect(isAttemptCandidate(failed)).toBe(true);
          if (!isAttemptCandidate(failed)) expect(signals).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test("by hand: a denied S3 call by an IAM user is not a candidate; a denied StopLogging, a root call and a failed sign-in are", () => {
    const s3 = event({ eventSource: "s3.amazonaws.com", eventName: "GetObject", ...denied });
    const stop = event({ eventSource: "cloudtrail.amazonaws.com", eventName: "StopLogging", ...denied });
    const rootCall = event({ userIdentity: root, eventSource: "iam.amazonaws.com", eventName: "CreateUser", ...denied });
    expect([s3, stop, rootCall, signIn(iamUser, "Failure", "No")].map(isAttemptCandidate)).toEqual([false, true, true, true]);
    expect(findAttemptSignals([s3], NOW, 30)).toEqual([]);
  });
});
