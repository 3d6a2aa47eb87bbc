import { describe, expect, test } from "vitest";
import { diffSnapshots } from "@/lib/checklist/diff-snapshots";
import type { ItemResult } from "@/lib/checklist/types";
import { rebuildSnapshotScore, type SnapshotItemSummary } from "./rebuild-snapshot-score";

const item = (
  itemId: string,
  status: SnapshotItemSummary["status"],
  counts: [number, number] | null = null,
  riskAdjusted = status,
): SnapshotItemSummary => ({
  itemId,
  status,
  passing: counts ? counts[0] : null,
  total: counts ? counts[1] : null,
  riskAdjusted,
});

describe("rebuildSnapshotScore", () => {
  test("scores the summaries with the checklist weights", () => {
    const score = rebuildSnapshotScore("123456789012", {
      takenAt: new Date("2026-11-22T00:00:00Z"),
      checklistVersion: "2026.11.1",
      items: [item("IAM-01", "fail", [0, 1]), item("IAM-03", "pass"), item("DATA-02", "partial", [1, 2]), item("NOT-AN-ITEM", "fail")],
    });
    expect(score.items.map((result) => result.itemId)).toEqual(["IAM-01", "IAM-03", "DATA-02"]);
    expect(score.weightWithData).toBe(10 + 6 + 6);
    expect(score.earnedWeight).toBe(6 + 3);
  });

  test("an item accepted to pass gets all-passing risk-adjusted counts", () => {
    const score = rebuildSnapshotScore("123456789012", {
      takenAt: new Date(),
      checklistVersion: "v",
      items: [item("DATA-02", "partial", [1, 4], "pass")],
    });
    expect(score.items[0]!.riskAdjusted).toEqual({ status: "pass", passing: 4, total: 4 });
    expect(score.riskAdjustedScore).toBe(100);
    expect(score.score).toBe(25);
  });

  test("diffed, tells fixed, regressed, lost coverage and accepted apart, with the latest reasons", () => {
    const before = rebuildSnapshotScore("123456789012", {
      takenAt: new Date("2026-11-22T00:00:00Z"),
      checklistVersion: "v",
      items: [item("IAM-01", "fail", [0, 1]), item("IAM-02", "pass", [1, 1]), item("IAM-03", "fail"), item("LOG-07", "pass", [2, 2])],
    });
    const details = new Map<string, ItemResult>([
      [
        "IAM-03",
        {
          itemId: "IAM-03",
          domain: "identity_access",
          severity: "high",
          weight: 6,
          status: "fail",
          reason: "2 root user activity in the last 30 days",
          evidence: [],
          riskAdjusted: { status: "pass" },
          accepted: { reason: "break-glass drill", owner: "secops", expiresAt: new Date("2027-01-01T00:00:00Z") },
        },
      ],
    ]);
    const after = rebuildSnapshotScore(
      "123456789012",
      {
        takenAt: new Date("2026-11-23T00:00:00Z"),
        checklistVersion: "v",
        items: [
          item("IAM-01", "pass", [1, 1]),
          item("IAM-02", "fail", [0, 1]),
          item("IAM-03", "fail", null, "pass"),
          item("LOG-07", "no_data"),
        ],
      },
      details,
    );
    const kinds = Object.fromEntries(
      diffSnapshots(before, after).changes.map((change) => [`${change.itemId}:${change.kind}`, change.reason]),
    );
    expect(Object.keys(kinds).sort()).toEqual(["IAM-01:fixed", "IAM-02:regressed", "IAM-03:accepted", "LOG-07:lost_coverage"]);
    expect(kinds["IAM-03:accepted"]).toContain("break-glass drill");
  });
});
