import { describe, expect, test } from "vitest";
import { parseStoredItemResult } from "./parse-stored-item-result";

describe("parseStoredItemResult", () => {
  test("rebuilds an ItemResult from the evidence JSON save-account-score writes", () => {
    const result = parseStoredItemResult({
      item_id: "IAM-01",
      domain: "identity_access",
      status: "fail",
      passing: 0,
      total: 1,
      reason: "0 of 1 resources pass IAM.4.",
      evidence: {
        refs: [{ kind: "control", id: "arn:aws:securityhub:x", note: "IAM.4 FAILED" }],
        missingSources: ["securityhub:eu-west-1 (error: AccessDenied)"],
        accepted: { reason: "vaulted keys", owner: "ops", expiresAt: "2027-01-01T00:00:00.000Z" },
        riskAdjusted: { status: "pass", passing: 1, total: 1 },
        weight: 10,
        severity: "critical",
      },
    });
    expect(result).toMatchObject({
      itemId: "IAM-01",
      domain: "identity_access",
      severity: "critical",
      weight: 10,
      status: "fail",
      passing: 0,
      total: 1,
    });
    expect(result.evidence).toHaveLength(1);
    expect(result.missingSources).toEqual(["securityhub:eu-west-1 (error: AccessDenied)"]);
    expect(result.accepted?.expiresAt).toEqual(new Date("2027-01-01T00:00:00.000Z"));
    expect(result.riskAdjusted).toEqual({ status: "pass", passing: 1, total: 1 });
  });

  test("falls back to the checklist's severity and weight and to the raw status for old rows", () => {
    const result = parseStoredItemResult({
      item_id: "IAM-03",
      domain: "identity_access",
      status: "no_data",
      passing: null,
      total: null,
      reason: "r",
      evidence: {},
    });
    expect(result).toMatchObject({ severity: "high", weight: 6, riskAdjusted: { status: "no_data" }, evidence: [] });
    expect(result.passing).toBeUndefined();
    expect(result.accepted).toBeUndefined();
  });

  test("throws on a malformed row instead of guessing", () => {
    expect(() =>
      parseStoredItemResult({
        item_id: "IAM-01",
        domain: "identity_access",
        status: "maybe",
        passing: null,
        total: null,
        reason: "",
        evidence: {},
      }),
    ).toThrow();
    expect(() =>
      parseStoredItemResult({
        item_id: "IAM-01",
        domain: "identity_access",
        status: "fail",
        passing: null,
        total: null,
        reason: "",
        evidence: { refs: [{ kind: "nope", id: "x" }] },
      }),
    ).toThrow();
  });
});
