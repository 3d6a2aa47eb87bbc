import { describe, expect, test } from "vitest";

import { normaliseCloudTrailEvent } from "./normalise-cloudtrail-event";

const consoleLogin = {
  eventVersion: "1.08",
  userIdentity: { type: "Root", principalId: "111122223333", arn: "arn:aws:iam::111122223333:root", accountId: "111122223333" },
  eventTime: "2024-03-01T10:00:00Z",
  eventSource: "signin.amazonaws.com",
  eventName: "ConsoleLogin",
  awsRegion: "us-east-1",
  sourceIPAddress: "198.51.100.7",
  responseElements: { ConsoleLogin: "Success" },
  additionalEventData: { MFAUsed: "No", MobileVersion: "No" },
  eventID: "0b0c7f3a-1111-2222-3333-444455556666",
  readOnly: false,
  eventType: "AwsConsoleSignIn",
  recipientAccountId: "111122223333",
};

const createUser = {
  eventVersion: "1.08",
  userIdentity: { type: "IAMUser", userName: "alice", accountId: "444455556666" },
  eventTime: "2024-03-02T11:00:00Z",
  eventSource: "iam.amazonaws.com",
  eventName: "CreateUser",
  awsRegion: "us-east-1",
  errorCode: "AccessDenied",
  eventID: "e-2",
};

describe("normaliseCloudTrailEvent", () => {
  test("normalises a log-file record", () => {
    expect(normaliseCloudTrailEvent(consoleLogin)).toEqual({
      ok: true,
      value: {
        eventId: "0b0c7f3a-1111-2222-3333-444455556666",
        accountId: "111122223333",
        region: "us-east-1",
        eventName: "ConsoleLogin",
        eventSource: "signin.amazonaws.com",
        eventTime: new Date("2024-03-01T10:00:00Z"),
        userType: "Root",
        userArn: "arn:aws:iam::111122223333:root",
        sourceIp: "198.51.100.7",
        errorCode: null,
        mfaUsed: false,
        readOnly: false,
        raw: consoleLogin,
      },
    });
  });

  test("reads MFAUsed only for ConsoleLogin", () => {
    const withMfa = normaliseCloudTrailEvent({ ...consoleLogin, additionalEventData: { MFAUsed: "Yes" } });
    expect(withMfa.ok && withMfa.value.mfaUsed).toBe(true);
    const notLogin = normaliseCloudTrailEvent(createUser);
    expect(notLogin.ok && notLogin.value.mfaUsed).toBeNull();
  });

  test("falls back to the caller's account and user name", () => {
    const result = normaliseCloudTrailEvent(createUser);
    expect(result.ok && result.value).toMatchObject({
      accountId: "444455556666",
      userArn: "alice",
      errorCode: "AccessDenied",
      readOnly: null,
    });
  });

  test("parses a LookupEvents Event and keeps the parsed record as raw", () => {
    const lookupEvent = {
      EventId: consoleLogin.eventID,
      EventName: "ConsoleLogin",
      ReadOnly: "false",
      EventTime: new Date("2024-03-01T10:00:00Z"),
      EventSource: "signin.amazonaws.com",
      Username: "root",
      Resources: [],
      CloudTrailEvent: JSON.stringify(consoleLogin),
    };
    const result = normaliseCloudTrailEvent(lookupEvent);
    expect(result.ok && result.value.eventId).toBe(consoleLogin.eventID);
    expect(result.ok && result.value.raw).toEqual(consoleLogin);
  });

  test("fills gaps in a LookupEvents record from the Event's own fields, not in raw", () => {
    const { eventID: _id, ...withoutId } = consoleLogin;
    const result = normaliseCloudTrailEvent({ EventId: "from-lookup", CloudTrailEvent: JSON.stringify(withoutId) });
    expect(result.ok && result.value.eventId).toBe("from-lookup");
    expect(result.ok && result.value.raw).toEqual(withoutId);
  });

  test("accepts LookupEvents' string ReadOnly", () => {
    const result = normaliseCloudTrailEvent({ ...createUser, readOnly: "true" });
    expect(result.ok && result.value.readOnly).toBe(true);
    const capitalised = normaliseCloudTrailEvent({ ...createUser, readOnly: "False" });
    expect(capitalised.ok && capitalised.value.readOnly).toBe(false);
  });

  test.each([
    [{ ...consoleLogin, eventID: undefined }, "missing eventID"],
    [{ ...consoleLogin, eventTime: "later" }, "eventTime: not a timestamp"],
    [{ ...consoleLogin, recipientAccountId: undefined, userIdentity: { type: "AWSService" } }, "missing recipientAccountId"],
    [{ CloudTrailEvent: "{oops" }, "CloudTrailEvent is not valid JSON"],
    [{ ...consoleLogin, awsRegion: "" }, "awsRegion"],
    [{ ...consoleLogin, recipientAccountId: "987654321" }, "expected a 12-digit account id"],
    [{ eventVersion: "1.07", eventType: "AwsCloudTrailInsight", eventID: "i-1", insightDetails: {} }, "CloudTrail Insights event"],
  ])("rejects a malformed record with a reason naming the field (%#)", (record, reason) => {
    const result = normaliseCloudTrailEvent(record);
    expect(!result.ok && result.reason).toContain(reason);
  });
});
