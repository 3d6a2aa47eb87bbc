import { describe, expect, test } from "vitest";

import { classifySecurityEvent } from "./classify-security-event";
import { isRootActivity } from "./is-root-activity";
import { SECURITY_EVENT_NAMES, SECURITY_EVENTS_VERSION } from "./security-events";

describe("SECURITY_EVENT_NAMES", () => {
  test("has no duplicate source/name pairs and a reason for each", () => {
    const keys = SECURITY_EVENT_NAMES.map((entry) => `${entry.eventSource} ${entry.eventName}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of SECURITY_EVENT_NAMES) {
      expect(entry.eventSource).toMatch(/^[a-z0-9-]+\.amazonaws\.com$/);
      expect(entry.why.length).toBeGreaterThan(10);
    }
    expect(SECURITY_EVENTS_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
  });

  test("marks only IAM as a global service", () => {
    const global = SECURITY_EVENT_NAMES.filter((entry) => entry.isGlobalService).map((entry) => entry.eventSource);
    expect(new Set(global)).toEqual(new Set(["iam.amazonaws.com"]));
  });
});

describe("classifySecurityEvent", () => {
  test("matches on source and name together", () => {
    expect(classifySecurityEvent({ eventSource: "cloudtrail.amazonaws.com", eventName: "StopLogging" })?.eventName).toBe("StopLogging");
    expect(classifySecurityEvent({ eventSource: "guardduty.amazonaws.com", eventName: "DisassociateFromMasterAccount" })?.eventSource).toBe(
      "guardduty.amazonaws.com",
    );
    expect(classifySecurityEvent({ eventSource: "s3.amazonaws.com", eventName: "StopLogging" })).toBeNull();
    expect(classifySecurityEvent({ eventSource: "ec2.amazonaws.com", eventName: "DescribeInstances" })).toBeNull();
  });
});

describe("isRootActivity", () => {
  const rootRaw = { userIdentity: { type: "Root", arn: "arn:aws:iam::111122223333:root" }, eventType: "AwsApiCall" };

  test("is true for the root user calling an API", () => {
    expect(isRootActivity({ userType: "Root", raw: rootRaw })).toBe(true);
  });

  test("ignores AWS services acting as root and service events", () => {
    expect(
      isRootActivity({
        userType: "Root",
        raw: { ...rootRaw, userIdentity: { ...rootRaw.userIdentity, invokedBy: "support.amazonaws.com" } },
      }),
    ).toBe(false);
    expect(isRootActivity({ userType: "Root", raw: { ...rootRaw, eventType: "AwsServiceEvent" } })).toBe(false);
  });

  test("is false for other identities", () => {
    expect(isRootActivity({ userType: "IAMUser", raw: { userIdentity: { type: "IAMUser" } } })).toBe(false);
    expect(isRootActivity({ userType: null, raw: null })).toBe(false);
  });
});
