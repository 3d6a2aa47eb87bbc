import { describe, expect, test } from "vitest";

import { computeAccountScore } from "./compute-account-score";
import { rankOrgFixFirst } from "./rank-org-fix-first";
import { TEST_NOW, makeItemResult } from "./test-factories";

describe("rankOrgFixFirst", () => {
  test("sums lost weight across accounts over the pooled evidence weight", () => {
    // A: X critical fail, Y medium pass -> with data 13. B: X critical fail, Z high fail -> with data 16.
    const a = computeAccountScore(
      "A",
      [makeItemResult({ itemId: "X", status: "fail", severity: "critical" }), makeItemResult({ itemId: "Y", status: "pass" })],
      TEST_NOW,
      "t",
    );
    const b = computeAccountScore(
      "B",
      [
        makeItemResult({ itemId: "X", status: "fail", severity: "critical" }),
        makeItemResult({ itemId: "Z", status: "fail", severity: "high" }),
      ],
      TEST_NOW,
      "t",
    );
    const ranked = rankOrgFixFirst([a, b]);
    // X: 100*(10+10)/29 = 68.96.. -> 69.0 ; Z: 100*6/29 = 20.68.. -> 20.7
    expect(ranked.map((entry) => [entry.itemId, entry.uplift])).toEqual([
      ["X", 69],
      ["Z", 20.7],
    ]);
    // per-account uplift: A 100*10/13 = 76.9, B 100*10/16 = 62.5
    expect(ranked[0]!.accounts).toEqual([
      { accountId: "A", uplift: 76.9 },
      { accountId: "B", uplift: 62.5 },
    ]);
  });

  test("nothing to fix without data", () => {
    expect(rankOrgFixFirst([])).toEqual([]);
  });
});
