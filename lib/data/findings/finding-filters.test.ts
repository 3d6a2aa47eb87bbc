import { describe, expect, test } from "vitest";
import { parseFindingFilters } from "@/lib/data/findings/finding-filters";
import { encodeFindingsCursor, FINDING_SORTS } from "@/lib/data/findings/findings-cursor";
import { AppError } from "@/lib/errors";

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** The 400 message parseFindingFilters throws for these parameters (fails the test when it does not throw). */
function refusal(params: Record<string, string | string[]>): string {
  try {
    parseFindingFilters(params);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    return (error as AppError).message;
  }
  throw new Error(`accepted ${JSON.stringify(params)}`);
}

/** A row as findFindings returns it, with the fields a cursor may be read from. */
const ROW = {
  id: "7",
  severity: 70,
  lastSeenAt: new Date("2026-11-30T10:00:00.000Z"),
  firstSeenAt: new Date("2026-10-01T08:30:00.000Z"),
  title: "S3 bucket allows public read",
  accountId: "123456789012",
  region: "eu-west-1",
  source: "securityhub",
  controlId: null,
  resourceId: "arn:aws:s3:::public-bucket",
  status: "active",
};

const DEFAULTS = {
  account: [],
  source: [],
  severity: [],
  region: [],
  status: "active",
  copies: false,
  passed: false,
  sort: "severity",
  dir: "desc",
};

describe("parseFindingFilters", () => {
  test("defaults to active findings by severity (highest first), without copies or passed controls", () => {
    expect(parseFindingFilters({})).toEqual(DEFAULTS);
  });

  test("reads every filter from URLSearchParams, upper-casing the severity", () => {
    const filters = parseFindingFilters(
      new URLSearchParams(
        "account=123456789012&source=guardduty&severity=high&status=all&control=IAM.6&type=Recon&region=eu-west-1&q=bucket&copies=1&passed=true&sort=last_seen&dir=asc",
      ),
    );
    expect(filters).toEqual({
      account: ["123456789012"],
      source: ["guardduty"],
      severity: ["HIGH"],
      status: "all",
      control: "IAM.6",
      type: "Recon",
      region: ["eu-west-1"],
      q: "bucket",
      copies: true,
      passed: true,
      sort: "last_seen",
      dir: "asc",
    });
  });

  test("takes every value of a multi-select, repeated or comma-separated, sorted and without duplicates", () => {
    const filters = parseFindingFilters(
      new URLSearchParams("severity=low&severity=CRITICAL,high&severity=LOW&account=222222222222&account=111111111111"),
    );
    expect(filters.severity).toEqual(["CRITICAL", "HIGH", "LOW"]);
    expect(filters.account).toEqual(["111111111111", "222222222222"]);
    expect(parseFindingFilters({ region: ["us-east-1", "eu-west-1"] }).region).toEqual(["eu-west-1", "us-east-1"]);
    expect(parseFindingFilters({ source: "securityhub,,guardduty, " }).source).toEqual(["guardduty", "securityhub"]);
  });

  test("refuses malformed values with a message naming each parameter, instead of silently dropping the filter", () => {
    expect(refusal({ account: "12345" })).toBe("account: an AWS account id is 12 digits");
    expect(refusal({ severity: "urgent" })).toBe("severity: must be one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL");
    expect(refusal({ source: "inspector", status: "open" })).toBe(
      "source: must be one of guardduty, securityhub; status: must be one of active, archived, resolved, suppressed, all",
    );
    expect(refusal({ region: "mars-1" })).toBe("region: an AWS region looks like eu-west-1");
    expect(refusal({ sort: "random" })).toBe(
      "sort: must be one of severity, last_seen, first_seen, title, account, region, source, control, resource, status",
    );
    expect(refusal({ dir: "up" })).toBe("dir: must be one of desc, asc");
    expect(refusal({ copies: "yes" })).toBe("copies: must be 1, true, 0 or false");
  });

  test("refuses a multi-select whole when one of its values is malformed (keeping the good ones would pass for the whole choice)", () => {
    expect(refusal({ severity: ["urgent", "HIGH"] })).toBe("severity: must be one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL");
    expect(refusal({ account: "111111111111,12345" })).toBe("account: an AWS account id is 12 digits");
    expect(refusal({ region: ["eu-west-1", "mars-1", "moon"] })).toBe("region: an AWS region looks like eu-west-1");
    expect(refusal({ severity: ["HIGH", "LOW\u0000"] })).toBe("severity: must be one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL");
    const accounts = Array.from({ length: 501 }, (_, index) => String(100000000000 + index));
    expect(refusal({ account: accounts })).toBe("account: at most 500 values");
    expect(parseFindingFilters({ account: accounts.slice(0, 500) }).account).toHaveLength(500);
  });

  test("refuses a NUL byte or another control character in free text (PostgreSQL refused NUL with a 500)", () => {
    expect(refusal({ q: "bucket\u0000" })).toBe("q: must not contain control characters");
    expect(refusal({ type: "\u0000" })).toBe("type: must not contain control characters");
    expect(refusal({ control: "IAM.6\u001b" })).toBe("control: must not contain control characters");
    expect(parseFindingFilters({ q: "bücket ☃ 'quoted' %_\\" }).q).toBe("bücket ☃ 'quoted' %_\\");
  });

  test("treats blank values as absent and takes the first of repeated single values", () => {
    expect(parseFindingFilters({ q: "  ", control: "", severity: ["LOW", "HIGH"] })).toEqual({ ...DEFAULTS, severity: ["HIGH", "LOW"] });
    expect(parseFindingFilters({ q: "  ", control: "", sort: ["title", "status"] })).toEqual({ ...DEFAULTS, sort: "title" });
    expect(parseFindingFilters(new URLSearchParams("sort=last_seen&sort=bogus")).sort).toBe("last_seen");
    expect(parseFindingFilters({ severity: ["", " "], region: "" })).toEqual(DEFAULTS);
  });

  test("refuses text longer than its limit", () => {
    expect(refusal({ q: "x".repeat(201) })).toBe("q: must be at most 200 characters");
    expect(parseFindingFilters({ q: "x".repeat(200) }).q).toHaveLength(200);
  });

  test("accepts the cursors the explorer writes, for the sort they were written for", () => {
    const row = { ...ROW, id: "42", severity: 55.5, lastSeenAt: new Date("2026-11-30T10:00:00.000Z") };
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

  test("accepts a cursor of every sort column it was written for, and refuses it under a sort whose key it cannot be", () => {
    const refused = "after: is not a page cursor of this list (start again from the first page)";
    const expectedKeys = {
      severity: 70,
      last_seen: "2026-11-30T10:00:00.000Z",
      first_seen: "2026-10-01T08:30:00.000Z",
      title: "S3 bucket allows public read",
      account: "123456789012",
      region: "eu-west-1",
      source: "securityhub",
      control: "", // a missing control id sorts (and pages) as empty text
      resource: "arn:aws:s3:::public-bucket",
      status: "active",
    } as const;
    for (const sort of FINDING_SORTS) {
      const written = encodeFindingsCursor(ROW, sort);
      expect(JSON.parse(Buffer.from(written, "base64url").toString()), sort).toEqual({ k: expectedKeys[sort], i: "7" });
      expect(parseFindingFilters({ sort, after: written }).after, sort).toBe(written);
      expect(parseFindingFilters({ sort, dir: "asc", before: written }).before, sort).toBe(written);
    }
    // A number key is no text key and the reverse; a time is no account id, a title no source or status.
    expect(refusal({ sort: "title", after: encodeFindingsCursor(ROW, "severity") })).toBe(refused);
    expect(refusal({ sort: "first_seen", after: encodeFindingsCursor(ROW, "title") })).toBe(refused);
    expect(refusal({ sort: "account", after: encodeFindingsCursor(ROW, "last_seen") })).toBe(refused);
    expect(refusal({ sort: "source", after: encodeFindingsCursor(ROW, "title") })).toBe(refused);
    expect(refusal({ sort: "status", after: encodeFindingsCursor(ROW, "region") })).toBe(refused);
    expect(refusal({ sort: "severity", after: encodeFindingsCursor(ROW, "account") })).toBe(refused);
  });

  test("refuses text cursor keys the database cannot compare (NUL) or no row holds (over 2048 characters), and keeps long real ones", () => {
    const refused = "before: is not a page cursor of this list (start again from the first page)";
    expect(refusal({ sort: "title", before: cursor({ k: "bucket\u0000", i: "1" }) })).toBe(refused);
    expect(refusal({ sort: "resource", before: cursor({ k: "x".repeat(2049), i: "1" }) })).toBe(refused);
    expect(refusal({ sort: "title", before: cursor({ k: 5, i: "1" }) })).toBe(refused);
    expect(refusal({ sort: "account", before: cursor({ k: "12345", i: "1" }) })).toBe(refused);
    expect(refusal({ sort: "source", before: cursor({ k: "inspector", i: "1" }) })).toBe(refused);
    // The longest key allowed, in a script that takes three bytes a character, still fits a cursor.
    const longTitle = "☃".repeat(2048);
    const written = encodeFindingsCursor({ ...ROW, title: longTitle }, "title");
    expect(parseFindingFilters({ sort: "title", before: written }).before).toBe(written);
    // Tabs and newlines can be in a stored title, so a key with them is a position like any other.
    expect(parseFindingFilters({ sort: "title", after: cursor({ k: "line\tone\ntwo", i: "1" }) }).after).toBeDefined();
  });
});
