import { describe, expect, test } from "vitest";

import { diffSnapshots } from "./diff-snapshots";
import { evaluateAccount } from "./evaluate-account";
import { computeAccountScore } from "./compute-account-score";
import { parseAccountScore } from "./parse-account-score";
import { TEST_NOW, makeAcceptance, makeControl, makeEvidence } from "./test-factories";

describe("parseAccountScore", () => {
  test("round-trips a snapshot through JSON with dates revived", () => {
    const evidence = makeEvidence({
      controls: [makeControl({ controlId: "IAM.4", status: "FAILED" })],
      acceptances: [makeAcceptance({ itemId: "IAM-01" })],
    });
    const score = computeAccountScore(evidence.accountId, evaluateAccount(evidence), TEST_NOW);
    const revived = parseAccountScore(JSON.parse(JSON.stringify(score)));
    expect(revived).toEqual(score);
    expect(revived.items.find((item) => item.itemId === "IAM-01")!.accepted!.expiresAt).toBeInstanceOf(Date);
    expect(diffSnapshots(revived, score).changes).toEqual([]);
  });

  test("rejects a malformed snapshot", () => {
    expect(() => parseAccountScore({ accountId: "1", items: "nope" })).toThrow();
    expect(() => parseAccountScore(null)).toThrow();
  });
});
