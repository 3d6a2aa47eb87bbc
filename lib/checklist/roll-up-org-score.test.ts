import { describe, expect, test } from "vitest";

import { computeAccountScore } from "./compute-account-score";
import { rollUpOrgScore } from "./roll-up-org-score";
import { TEST_NOW, makeItemResult } from "./test-factories";

describe("rollUpOrgScore", () => {
  test("pools evidence weight across accounts rather than averaging scores", () => {
    // Account A: critical pass + high fail -> earned 10 of 16 (62.5), applicable 16.
    const a = computeAccountScore(
      "A",
      [
        makeItemResult({ itemId: "X", status: "pass", severity: "critical" }),
        makeItemResult({ itemId: "Y", status: "fail", severity: "high" }),
      ],
      TEST_NOW,
      "t",
    );
    // Account B: low pass with data, critical no_data -> earned 1 of 1 (100), applicable 11.
    const b = computeAccountScore(
      "B",
      [
        makeItemResult({ itemId: "Z", status: "pass", severity: "low" }),
        makeItemResult({ itemId: "X", status: "no_data", severity: "critical" }),
      ],
      TEST_NOW,
      "t",
    );
    const org = rollUpOrgScore([a, b]);
    // score = 100 * (10 + 1) / (16 + 1) = 64.705.. -> 64.7 (a plain mean would be 81.3)
    expect(org.score).toBe(64.7);
    // coverage = 100 * 17 / 27 = 62.96.. -> 63.0
    expect(org.coverage).toBe(63);
    expect(org.accountCount).toBe(2);
    expect(org.accountsWithData).toBe(2);
    expect(org.domains.identity_access.score).toBe(64.7);
    expect(org.domains.network.score).toBeNull();
  });

  test("accounts without any data lower coverage only", () => {
    const none = computeAccountScore("N", [makeItemResult({ itemId: "X", status: "no_data", severity: "critical" })], TEST_NOW, "t");
    const full = computeAccountScore("F", [makeItemResult({ itemId: "X", status: "pass", severity: "critical" })], TEST_NOW, "t");
    const org = rollUpOrgScore([none, full]);
    expect(org.score).toBe(100);
    expect(org.coverage).toBe(50);
    expect(org.accountsWithData).toBe(1);
  });

  test("empty org gives nulls", () => {
    expect(rollUpOrgScore([])).toMatchObject({ score: null, riskAdjustedScore: null, coverage: null, accountCount: 0 });
  });
});
