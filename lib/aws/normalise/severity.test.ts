import { describe, expect, test } from "vitest";

import { labelGuardDutySeverity, labelNormalisedSeverity, scaleGuardDutySeverity, scoreSeverityLabel } from "./severity";

describe("labelGuardDutySeverity", () => {
  test.each([
    [0, "INFORMATIONAL"],
    [0.1, "LOW"],
    [1, "LOW"],
    [3.9, "LOW"],
    [3.95, "LOW"],
    [4, "MEDIUM"],
    [6.99, "MEDIUM"],
    [7, "HIGH"],
    [8.9, "HIGH"],
    [8.95, "HIGH"],
    [9, "CRITICAL"],
    [10, "CRITICAL"],
  ] as const)("labels %s as %s, closing the gaps between documented bands downwards", (severity, label) => {
    expect(labelGuardDutySeverity(severity)).toBe(label);
  });
});

describe("scaleGuardDutySeverity", () => {
  test("multiplies by ten and keeps one decimal", () => {
    expect(scaleGuardDutySeverity(5)).toBe(50);
    expect(scaleGuardDutySeverity(3.95)).toBe(39.5);
    expect(scaleGuardDutySeverity(5.55)).toBe(55.5);
    expect(scaleGuardDutySeverity(8.123)).toBe(81.2);
  });
});

describe("labelNormalisedSeverity", () => {
  test.each([
    [0, "INFORMATIONAL"],
    [0.5, "LOW"],
    [1, "LOW"],
    [39, "LOW"],
    [39.5, "LOW"],
    [40, "MEDIUM"],
    [69, "MEDIUM"],
    [70, "HIGH"],
    [89, "HIGH"],
    [90, "CRITICAL"],
    [100, "CRITICAL"],
  ] as const)("labels %s as %s by the ASFF bands", (score, label) => {
    expect(labelNormalisedSeverity(score)).toBe(label);
  });
});

describe("scoreSeverityLabel", () => {
  test("uses the values Security Hub fills Normalized with", () => {
    expect(["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"].map((label) => scoreSeverityLabel(label as never))).toEqual([
      0, 1, 40, 70, 90,
    ]);
  });

  test("round-trips through labelNormalisedSeverity", () => {
    for (const label of ["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"] as const) {
      expect(labelNormalisedSeverity(scoreSeverityLabel(label))).toBe(label);
    }
  });
});
