import { describe, expect, test } from "vitest";
import { parseFindingFilters } from "@/lib/data/findings/finding-filters";

const DEFAULTS = { account: [], source: [], severity: [], region: [], status: "active", copies: false, passed: false, sort: "severity", dir: "desc" };

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
    const filters = parseFindingFilters(new URLSearchParams("severity=low&severity=CRITICAL,high&severity=LOW&account=222222222222&account=111111111111"));
    expect(filters.severity).toEqual(["CRITICAL", "HIGH", "LOW"]);
    expect(filters.account).toEqual(["111111111111", "222222222222"]);
    expect(parseFindingFilters({ region: ["us-east-1", "eu-west-1"] }).region).toEqual(["eu-west-1", "us-east-1"]);
  });

  test("ignores malformed values instead of failing the page, keeping the good ones", () => {
    const filters = parseFindingFilters({ account: "12345", source: "inspector", severity: "urgent", status: "open", region: "mars-1", sort: "random", dir: "up", copies: "yes" });
    expect(filters).toEqual(DEFAULTS);
    expect(parseFindingFilters({ severity: ["urgent", "HIGH"] }).severity).toEqual(["HIGH"]);
  });

  test("treats blank values as absent and takes the first of repeated single values", () => {
    expect(parseFindingFilters({ q: "  ", control: "", sort: ["title", "status"] })).toEqual({ ...DEFAULTS, sort: "title" });
  });

  test("drops text filters longer than their limit", () => {
    expect(parseFindingFilters({ q: "x".repeat(201) }).q).toBeUndefined();
  });
});
