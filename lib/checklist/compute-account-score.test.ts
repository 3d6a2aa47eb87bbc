import { describe, expect, test } from "vitest";

import { computeAccountScore } from "./compute-account-score";
import { evaluateAccount } from "./evaluate-account";
import { CHECKLIST_ITEMS } from "./items";
import { TEST_NOW, makeAcceptance, makeEvidence, makeItemResult, makeThreat } from "./test-factories";

describe("computeAccountScore", () => {
  test("all no_data: score null, coverage 0, never a pass", () => {
    const items = [
      makeItemResult({ itemId: "A", status: "no_data", severity: "critical" }),
      makeItemResult({ itemId: "B", status: "no_data", severity: "low" }),
    ];
    const score = computeAccountScore("111122223333", items, TEST_NOW, "test");
    expect(score.score).toBeNull();
    expect(score.riskAdjustedScore).toBeNull();
    expect(score.coverage).toBe(0);
    expect(score.weightApplicable).toBe(11);
    expect(score.weightWithData).toBe(0);
  });

  test("mixed partial; not_applicable excluded from score and coverage", () => {
    // critical pass 10*1 + high partial 6*(1/3) + medium fail 3*0 = 12 earned over 19 with data.
    // score = 100*12/19 = 63.157.. -> 63.2; coverage = 19 / (10+6+3+1) = 95.0 (the N/A medium is out).
    const items = [
      makeItemResult({ itemId: "A", status: "pass", severity: "critical" }),
      makeItemResult({ itemId: "B", status: "partial", passing: 1, total: 3, severity: "high" }),
      makeItemResult({ itemId: "C", status: "fail", severity: "medium" }),
      makeItemResult({ itemId: "D", status: "no_data", severity: "low" }),
      makeItemResult({ itemId: "E", status: "not_applicable", severity: "medium" }),
    ];
    const score = computeAccountScore("111122223333", items, TEST_NOW, "test");
    expect(score.score).toBe(63.2);
    expect(score.coverage).toBe(95);
    expect(score.weightApplicable).toBe(20);
    expect(score.weightWithData).toBe(19);
    expect(score.earnedWeight).toBeCloseTo(12, 10);
  });

  test("domains are scored separately; a domain with nothing applicable is null", () => {
    const items = [
      makeItemResult({ itemId: "IAM", domain: "identity_access", status: "fail", severity: "high" }),
      makeItemResult({ itemId: "NET1", domain: "network", status: "pass", severity: "high" }),
      makeItemResult({ itemId: "NET2", domain: "network", status: "partial", passing: 1, total: 4, severity: "medium" }),
      makeItemResult({ itemId: "OS", domain: "os_patching", status: "not_applicable", severity: "high" }),
    ];
    const score = computeAccountScore("111122223333", items, TEST_NOW, "test");
    expect(score.domains.identity_access).toMatchObject({ score: 0, coverage: 100, weightApplicable: 6, weightWithData: 6 });
    // network: (6*1 + 3*0.25) / 9 = 6.75/9 = 75.0
    expect(score.domains.network).toMatchObject({ score: 75, coverage: 100 });
    expect(score.domains.os_patching).toMatchObject({ score: null, coverage: null, weightApplicable: 0 });
    expect(score.domains.backup_resilience).toMatchObject({ score: null, coverage: null });
    // overall: 6.75 / 15 = 45.0 (not the mean of domain scores, which would be 37.5)
    expect(score.score).toBe(45);
  });

  test("risk-adjusted score counts accepted failures as pass, raw does not", () => {
    const items = [
      makeItemResult({ itemId: "A", status: "fail", severity: "critical", riskAdjusted: { status: "pass" } }),
      makeItemResult({ itemId: "B", status: "pass", severity: "high" }),
    ];
    const score = computeAccountScore("111122223333", items, TEST_NOW, "test");
    // raw 6/16 = 37.5; adjusted 16/16 = 100
    expect(score.score).toBe(37.5);
    expect(score.riskAdjustedScore).toBe(100);
  });

  test("rounds half up to one decimal", () => {
    // 2 of 3 medium pass: 100*6/9 = 66.666.. -> 66.7; 1 low pass of low+high... 100*1/7 = 14.285.. -> 14.3
    const twoThirds = [1, 2, 3].map((n) => makeItemResult({ itemId: `M${n}`, status: n === 3 ? "fail" : "pass" }));
    expect(computeAccountScore("a", twoThirds, TEST_NOW, "t").score).toBe(66.7);
    const oneSeventh = [
      makeItemResult({ itemId: "L", status: "pass", severity: "low" }),
      makeItemResult({ itemId: "H", status: "fail", severity: "high" }),
    ];
    expect(computeAccountScore("a", oneSeventh, TEST_NOW, "t").score).toBe(14.3);
  });

  describe("end to end over evidence (two items: LOG-11 critical=10, LOG-07 high=6)", () => {
    const items = CHECKLIST_ITEMS.filter((item) => item.id === "LOG-11" || item.id === "LOG-07");
    const threat = makeThreat({ severityLabel: "CRITICAL", severity: 9.5 });

    test("threat present then resolved", () => {
      const present = computeAccountScore("a", evaluateAccount(makeEvidence({ threats: [threat] }), items), TEST_NOW, "t");
      // LOG-07 pass (6), LOG-11 fail (0): 100*6/16 = 37.5
      expect(present.score).toBe(37.5);
      expect(present.coverage).toBe(100);
      const resolved = computeAccountScore("a", evaluateAccount(makeEvidence({ threats: [] }), items), TEST_NOW, "t");
      expect(resolved.score).toBe(100);
    });

    test("acceptance then expiry", () => {
      const acceptance = makeAcceptance({ itemId: "LOG-11", expiresAt: new Date("2026-12-01T00:00:00Z") });
      const accepted = computeAccountScore(
        "a",
        evaluateAccount(makeEvidence({ threats: [threat], acceptances: [acceptance] }), items),
        TEST_NOW,
        "t",
      );
      expect(accepted.score).toBe(37.5);
      expect(accepted.riskAdjustedScore).toBe(100);
      const later = new Date("2026-12-01T00:00:00Z");
      const expired = computeAccountScore(
        "a",
        evaluateAccount(makeEvidence({ threats: [threat], acceptances: [acceptance], now: later }), items),
        later,
        "t",
      );
      expect(expired.score).toBe(37.5);
      expect(expired.riskAdjustedScore).toBe(37.5);
    });
  });
});
