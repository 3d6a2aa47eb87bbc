import { describe, expect, test } from "vitest";
import { parseFindingFilters } from "@/lib/data/findings/finding-filters";
import { encodeFindingsCursor } from "@/lib/data/findings/findings-cursor";
import { AppError } from "@/lib/errors";

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** The 400 message parseFindingFilters throws for these parameters (fails the test when it does not throw). */
function refusal(params: Record<string, string>): string {
  try {
    parseFindingFilters(params);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    return (error as AppError).message;
  }
  throw new Error(`accepted ${JSON.stringify(params)}`);
}

describe("parseFindingFilters", () => {
  test("defaults to active findings by severity, without copies or passed controls", () => {
    expect(parseFindingFilters({})).toEqual({ status: "active", copies: false, passed: false, sort: "severity" });
  });

  test("reads every filter from URLSearchParams, upper-casing the severity", () => {
    const filters = parseFindingFilters(
      new URLSearchParams("account=123456789012&source=guardduty&severity=high&status=all&control=IAM.6&type=Recon&region=eu-west-1&q=bucket&copies=1&passed=true&sort=last_seen"),
    );
    expect(filters).toEqual({
      account: "123456789012",
      source: "guardduty",
      severity: "HIGH",
      status: "all",
      control: "IAM.6",
      type: "Recon",
      region: "eu-west-1",
      q: "bucket",
      copies: true,
      passed: true,
      sort: "last_seen",
    });
  });

  test("refuses malformed values with a message naming each parameter, instead of silently dropping the filter", () => {
    expect(refusal({ account: "12345" })).toBe("account: an AWS account id is 12 digits");
    expect(refusal({ severity: "urgent" })).toBe("severity: must be one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL");
    expect(refusal({ source: "inspector", status: "open" })).toBe(
      "source: must be one of guardduty, securityhub; status: must be one of active, archived, resolved, suppressed, all",
    );
    expect(refusal({ region: "mars-1" })).toBe("region: an AWS region looks like eu-west-1");
    expect(refusal({ sort: "random" })).toBe("sort: must be one of severity, last_seen");
    expect(refusal({ copies: "yes" })).toBe("copies: must be 1, true, 0 or false");
  });

  test("refuses a NUL byte or another control character in free text (PostgreSQL refused NUL with a 500)", () => {
    expect(refusal({ q: "bucket\u0000" })).toBe("q: must not contain control characters");
    expect(refusal({ type: "\u0000" })).toBe("type: must not contain control characters");
    expect(refusal({ control: "IAM.6\u001b" })).toBe("control: must not contain control characters");
    expect(parseFindingFilters({ q: "bücket ☃ 'quoted' %_\\" }).q).toBe("bücket ☃ 'quoted' %_\\");
  });

  test("treats blank values as absent and takes the first of repeated values", () => {
    expect(parseFindingFilters({ q: "  ", control: "", severity: ["LOW", "HIGH"] })).toEqual({ severity: "LOW", status: "active", copies: false, passed: false, sort: "severity" });
    expect(parseFindingFilters(new URLSearchParams("sort=last_seen&sort=bogus")).sort).toBe("last_seen");
  });

  test("refuses text longer than its limit", () => {
    expect(refusal({ q: "x".repeat(201) })).toBe("q: must be at most 200 characters");
    expect(parseFindingFilters({ q: "x".repeat(200) }).q).toHaveLength(200);
  });

  test("accepts the cursors the explorer writes, for the sort they were written for", () => {
    const row = { id: "42", severity: 55.5, lastSeenAt: new Date("2026-11-30T10:00:00.000Z") };
    const bySeverity = encodeFindingsCursor(row, "severity");
    const byLastSeen = encodeFindingsCursor(row, "last_seen");
    expect(parseFindingFilters({ after: bySeverity }).after).toBe(bySeverity);
    expect(parseFindingFilters({ before: byLastSeen, sort: "last_seen" }).before).toBe(byLastSeen);
    expect(refusal({ after: byLastSeen })).toBe("after: is not a page cursor of this list (start again from the first page)");
    expect(refusal({ after: bySeverity, before: bySeverity })).toBe("before: give after or before, not both");
  });

  test("refuses crafted cursors: out-of-range key, wrong types, bigint overflow, bad dates, not base64 JSON", () => {
    const refused = "after: is not a page cursor of this list (start again from the first page)";
    for (const after of [
      cursor({ k: 1e39, i: "1" }), // overflows ::real
      cursor({ k: -1, i: "1" }),
      cursor({ k: "7", i: "1" }), // a string key under the severity sort
      cursor({ k: 50, i: 1 }), // a number id
      cursor({ k: 50, i: "9223372036854775808" }), // one past bigint
      cursor({ k: 50, i: "99999999999999999999" }),
      cursor({ k: 50, i: "-1" }),
      cursor({ k: 50, i: ":" }), // found by the fuzz test: a non-digit id made BigInt throw (a 500)
      cursor({ k: 50, i: "1e3" }),
      cursor({ k: 50, i: "1", extra: true }),
      cursor([50, "1"]),
      cursor(null),
      "not-base64-json",
      "%%%",
      "x".repeat(600),
    ]) {
      expect(refusal({ after }), after).toBe(refused);
    }
    for (const k of ["1", "2024-02-31T00:00:00.000Z", "2024-01-01", "2024-01-01T00:00:00Z", "+275760-09-13T00:00:00.000Z"]) {
      expect(refusal({ sort: "last_seen", after: cursor({ k, i: "1" }) }), k).toBe(refused);
    }
    expect(parseFindingFilters({ after: cursor({ k: 50, i: "9223372036854775807" }) }).after).toBeDefined();
  });
});
