import { describe, expect, test } from "vitest";
import { parseFindingFilters } from "@/lib/data/findings/finding-filters";
import { findingsQuery } from "./findings-href";

describe("findingsQuery", () => {
  test("leaves the defaults out of the URL", () => {
    expect(findingsQuery(parseFindingFilters({}))).toBe("");
  });

  test("round-trips every filter through the URL", () => {
    const filters = parseFindingFilters({
      account: ["123456789012", "210987654321"],
      source: "securityhub",
      severity: ["CRITICAL", "HIGH"],
      status: "all",
      control: "S3.1",
      type: "Software & Configuration",
      region: "us-east-1",
      q: "100% public = bad",
      copies: "1",
      passed: "1",
      sort: "first_seen",
      dir: "asc",
    });
    expect(parseFindingFilters(new URLSearchParams(findingsQuery(filters)))).toEqual(filters);
  });

  test("adds the page cursor after the filters", () => {
    expect(findingsQuery(parseFindingFilters({ severity: "HIGH" }), { after: "abc" })).toBe("severity=HIGH&after=abc");
    expect(findingsQuery(parseFindingFilters({ severity: ["HIGH", "CRITICAL"] }))).toBe("severity=CRITICAL&severity=HIGH");
  });
});
