import { describe, expect, test } from "vitest";

import { computeAccountScore } from "./compute-account-score";
import { diffSnapshots } from "./diff-snapshots";
import { TEST_NOW, makeItemResult } from "./test-factories";
import type { ItemResult } from "./types";

const day2 = new Date("2026-11-21T12:00:00Z");
const snapshot = (items: ItemResult[], at = TEST_NOW, version = "2026.11.1") => computeAccountScore("111122223333", items, at, version);

describe("diffSnapshots", () => {
  test("fixed, regressed, new resources, lost coverage, each with its score impact", () => {
    const before = snapshot([
      makeItemResult({ itemId: "FIX", status: "fail", severity: "critical" }),
      makeItemResult({ itemId: "REG", status: "pass", severity: "high" }),
      makeItemResult({ itemId: "NEW", status: "pass", passing: 2, total: 2, severity: "medium" }),
      makeItemResult({ itemId: "LOST", status: "pass", severity: "low" }),
    ]);
    const after = snapshot(
      [
        makeItemResult({ itemId: "FIX", status: "pass", severity: "critical" }),
        makeItemResult({ itemId: "REG", status: "fail", severity: "high" }),
        makeItemResult({ itemId: "NEW", status: "partial", passing: 2, total: 3, severity: "medium" }),
        makeItemResult({ itemId: "LOST", status: "no_data", severity: "low", missingSources: ["securityhub:us-east-1 (error)"] }),
      ],
      day2,
    );
    const diff = diffSnapshots(before, after);
    // before: with data 20, earned 6+3+1 = 10 -> 50.0. after: with data 19, earned 10 + 3*(2/3) = 12 -> 63.2
    expect(diff.score).toEqual({ before: 50, after: 63.2, delta: 13.2 });
    expect(diff.coverage).toEqual({ before: 100, after: 95, delta: -5 });
    const kinds = Object.fromEntries(diff.changes.map((change) => [change.itemId, change.kind]));
    expect(kinds).toEqual({ FIX: "fixed", REG: "regressed", NEW: "new_resources", LOST: "lost_coverage" });
    // impacts: FIX 0 -> 100*10/19 = 52.6; REG 100*6/20 = 30 -> 0 = -30.0;
    // NEW 100*3/20 = 15 -> 100*2/19 = 10.526 = -4.5; LOST 100*1/20 = 5 -> 0 = -5.0
    expect(diff.changes.map((change) => [change.itemId, change.scoreImpact])).toEqual([
      ["FIX", 52.6],
      ["REG", -30],
      ["LOST", -5],
      ["NEW", -4.5],
    ]);
    expect(diff.changes.find((change) => change.itemId === "LOST")!.reason).toContain("securityhub:us-east-1");
  });

  test("acceptance and its expiry show up even though the raw status did not move", () => {
    const raw = { itemId: "ACC", status: "fail" as const, severity: "high" as const };
    const accepted = {
      ...raw,
      accepted: { reason: "vendor fix due", owner: "bob", expiresAt: new Date("2026-12-01T00:00:00Z") },
      riskAdjusted: { status: "pass" as const },
    };
    const b = snapshot([makeItemResult(raw)]);
    const a = snapshot([makeItemResult(accepted)], day2);
    const acceptedDiff = diffSnapshots(b, a);
    expect(acceptedDiff.changes).toEqual([expect.objectContaining({ itemId: "ACC", kind: "accepted", scoreImpact: 0 })]);
    expect(acceptedDiff.riskAdjustedScore).toEqual({ before: 0, after: 100, delta: 100 });
    const expiredDiff = diffSnapshots(a, b);
    expect(expiredDiff.changes).toEqual([expect.objectContaining({ itemId: "ACC", kind: "acceptance_expired" })]);
  });

  test("applicability changes and unchanged items", () => {
    const before = snapshot([
      makeItemResult({ itemId: "RDS", status: "not_applicable" }),
      makeItemResult({ itemId: "SAME", status: "pass" }),
      makeItemResult({ itemId: "GAIN", status: "no_data" }),
    ]);
    const after = snapshot(
      [
        makeItemResult({ itemId: "RDS", status: "fail" }),
        makeItemResult({ itemId: "SAME", status: "pass" }),
        makeItemResult({ itemId: "GAIN", status: "pass" }),
      ],
      day2,
      "2026.12.1",
    );
    const diff = diffSnapshots(before, after);
    expect(diff.checklistVersionChanged).toBe(true);
    expect(Object.fromEntries(diff.changes.map((change) => [change.itemId, change.kind]))).toEqual({
      RDS: "now_applicable",
      GAIN: "gained_coverage",
    });
  });
});
