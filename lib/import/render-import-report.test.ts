import { describe, expect, test } from "vitest";

import type { ImportReport } from "./import-aws-files";
import { renderImportReport } from "./render-import-report";

function reportWithSkipped(count: number): ImportReport {
  return {
    files: 2,
    stored: {
      guardduty: { inserted: 3, updated: 1, unchanged: 0 },
      securityhub: { inserted: 0, updated: 0, unchanged: 5 },
      cloudtrail: { inserted: 7, updated: 0, unchanged: 2 },
    },
    skipped: Array.from({ length: count }, (_, index) => ({
      file: "logs/a.json",
      position: `Records[${index}]`,
      reason: "missing eventID",
    })),
    accounts: ["111122223333"],
  };
}

describe("renderImportReport", () => {
  test("shows new, updated and unchanged per kind and each skipped record as file:position: reason", () => {
    const text = renderImportReport(reportWithSkipped(2));
    expect(text).toContain("read 2 files");
    expect(text).toMatch(/GuardDuty findings\s+new 3, updated 1, unchanged 0/);
    expect(text).toMatch(/Security Hub findings\s+new 0, updated 0, unchanged 5/);
    expect(text).toMatch(/CloudTrail events\s+new 7, updated 0, unchanged 2/);
    expect(text).toContain("skipped 2 records:");
    expect(text).toContain("  logs/a.json:Records[1]: missing eventID");
    expect(text).not.toContain("more (use --json");
  });

  test("cuts the skipped list after the limit and says how many more --json has", () => {
    const lines = renderImportReport(reportWithSkipped(53), { maxSkippedLines: 50 }).split("\n");
    expect(lines.filter((line) => line.includes("missing eventID"))).toHaveLength(50);
    expect(lines.at(-1)).toBe("  ... and 3 more (use --json for all)");
  });

  test("says nothing was skipped without a trailing colon", () => {
    expect(renderImportReport(reportWithSkipped(0))).toMatch(/skipped 0 records$/);
  });
});
