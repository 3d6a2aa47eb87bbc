import { describe, expect, test } from "vitest";
import { parseFindingFilters } from "@/lib/data/findings/finding-filters";

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

  test("ignores malformed values instead of failing the page", () => {
    const filters = parseFindingFilters({ account: "12345", source: "inspector", severity: "urgent", status: "open", region: "mars-1", sort: "random", copies: "yes" });
    expect(filters).toEqual({ status: "active", copies: false, passed: false, sort: "severity" });
  });

  test("treats blank values as absent and takes the first of repeated values", () => {
    expect(parseFindingFilters({ q: "  ", control: "", severity: ["LOW", "HIGH"] })).toEqual({ severity: "LOW", status: "active", copies: false, passed: false, sort: "severity" });
  });

  test("drops text filters longer than their limit", () => {
    expect(parseFindingFilters({ q: "x".repeat(201) }).q).toBeUndefined();
  });
});
