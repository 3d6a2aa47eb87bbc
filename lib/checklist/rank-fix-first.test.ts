import { describe, expect, test } from "vitest";

import { computeAccountScore } from "./compute-account-score";
import { rankFixFirst } from "./rank-fix-first";
import { TEST_NOW, makeItemResult } from "./test-factories";

describe("rankFixFirst", () => {
  test("ranks failing and partial items by the points they would add", () => {
    // with data: 10 + 6 + 3 + 3 = 22
    const account = computeAccountScore(
      "A",
      [
        makeItemResult({ itemId: "CRIT", status: "pass", severity: "critical" }),
        makeItemResult({ itemId: "HIGH", status: "partial", passing: 1, total: 2, severity: "high" }),
        makeItemResult({ itemId: "MED-B", status: "fail", severity: "medium" }),
        makeItemResult({ itemId: "MED-A", status: "fail", severity: "medium" }),
        makeItemResult({ itemId: "NODATA", status: "no_data", severity: "critical" }),
      ],
      TEST_NOW,
      "t",
    );
    const ranked = rankFixFirst(account);
    // HIGH: 100*6*(1-1/2)/22 = 300/22 = 13.6; MED-*: 100*3*1/22 = 300/22 = 13.6 too.
    // Equal uplift: heavier weight first (HIGH), then item id (MED-A before MED-B). NODATA is not listed.
    expect(ranked.map((entry) => [entry.itemId, entry.uplift])).toEqual([
      ["HIGH", 13.6],
      ["MED-A", 13.6],
      ["MED-B", 13.6],
    ]);
  });

  test("uplift is exact: fixing the top item raises the score by that much", () => {
    const items = [
      makeItemResult({ itemId: "A", status: "fail", severity: "critical" }),
      makeItemResult({ itemId: "B", status: "pass", severity: "medium" }),
    ];
    const before = computeAccountScore("A", items, TEST_NOW, "t");
    const [top] = rankFixFirst(before);
    // 100*10/13 = 76.923.. -> 76.9; score before 100*3/13 = 23.1, after 100
    expect(top).toMatchObject({ itemId: "A", uplift: 76.9 });
  });

  test("accepted items are not asked for again", () => {
    const account = computeAccountScore(
      "A",
      [
        makeItemResult({ itemId: "A", status: "fail", severity: "critical", riskAdjusted: { status: "pass" } }),
        makeItemResult({ itemId: "B", status: "fail", severity: "low" }),
      ],
      TEST_NOW,
      "t",
    );
    expect(rankFixFirst(account).map((entry) => entry.itemId)).toEqual(["B"]);
  });
});
