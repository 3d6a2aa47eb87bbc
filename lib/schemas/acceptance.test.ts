import { describe, expect, test } from "vitest";
import { lastAllowedExpiry, makeCreateAcceptanceSchema, ZRevokeAcceptance } from "./acceptance";

const NOW = new Date("2026-11-23T12:00:00Z");
const valid = {
  accountId: "123456789012",
  itemId: "IAM-01",
  reason: "Keys are vaulted, removal planned",
  owner: "platform@example.com",
  expiresAt: "2027-01-31",
};

describe("makeCreateAcceptanceSchema", () => {
  const schema = makeCreateAcceptanceSchema(NOW);

  test("accepts a whole-item acceptance and reads a day as its end in UTC", () => {
    const parsed = schema.parse(valid);
    expect(parsed.findingId).toBeNull();
    expect(parsed.expiresAt.toISOString()).toBe("2027-01-31T23:59:59.999Z");
  });

  test("keeps a finding id and trims text", () => {
    const parsed = schema.parse({
      ...valid,
      findingId: " arn:aws:securityhub:us-east-1:123456789012:finding/x ",
      reason: `  ${valid.reason}  `,
    });
    expect(parsed.findingId).toBe("arn:aws:securityhub:us-east-1:123456789012:finding/x");
    expect(parsed.reason).toBe(valid.reason);
  });

  test("refuses reasons shorter than 10 or longer than 1000 characters", () => {
    expect(schema.safeParse({ ...valid, reason: "too short" }).success).toBe(false);
    expect(schema.safeParse({ ...valid, reason: "x".repeat(1001) }).success).toBe(false);
    expect(schema.safeParse({ ...valid, reason: "x".repeat(1000) }).success).toBe(true);
  });

  test("refuses a NUL in the reason and control characters in the owner, keeps line breaks in the reason", () => {
    expect(schema.safeParse({ ...valid, reason: `${valid.reason}\u0000` }).success).toBe(false);
    expect(schema.safeParse({ ...valid, owner: "plat\u0000form" }).success).toBe(false);
    expect(schema.safeParse({ ...valid, owner: "plat\tform" }).success).toBe(false);
    expect(schema.parse({ ...valid, reason: "Keys are vaulted,\nremoval planned" }).reason).toBe("Keys are vaulted,\nremoval planned");
  });

  test("refuses an expiry in the past, today's past instant, or more than 365 days ahead", () => {
    expect(schema.safeParse({ ...valid, expiresAt: "2026-11-22" }).success).toBe(false);
    expect(schema.safeParse({ ...valid, expiresAt: "2026-11-23T11:00:00Z" }).success).toBe(false);
    expect(schema.safeParse({ ...valid, expiresAt: "2027-11-23" }).success).toBe(true);
    expect(schema.safeParse({ ...valid, expiresAt: "2027-11-24" }).success).toBe(false);
    expect(schema.safeParse({ ...valid, expiresAt: "not a date" }).success).toBe(false);
  });

  test("refuses unknown items, malformed account ids and missing owners", () => {
    expect(schema.safeParse({ ...valid, itemId: "IAM-99" }).success).toBe(false);
    expect(schema.safeParse({ ...valid, accountId: "12345" }).success).toBe(false);
    expect(schema.safeParse({ ...valid, owner: " " }).success).toBe(false);
    expect(schema.safeParse({ ...valid, reason: undefined }).success).toBe(false);
  });
});

describe("lastAllowedExpiry", () => {
  test("is the end of the day 365 days ahead", () => {
    expect(lastAllowedExpiry(NOW).toISOString()).toBe("2027-11-23T23:59:59.999Z");
  });
});

describe("ZRevokeAcceptance", () => {
  test("takes a numeric acceptance id only", () => {
    expect(ZRevokeAcceptance.safeParse({ accountId: "123456789012", itemId: "IAM-01", acceptanceId: "42" }).success).toBe(true);
    expect(ZRevokeAcceptance.safeParse({ accountId: "123456789012", itemId: "IAM-01", acceptanceId: "1 OR 1=1" }).success).toBe(false);
  });
});
