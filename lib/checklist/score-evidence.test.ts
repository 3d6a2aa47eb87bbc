import { describe, expect, test } from "vitest";

import { CHECKLIST_ITEMS, CHECKLIST_VERSION } from "./items";
import { scoreEvidence } from "./score-evidence";
import { makeEvidence, sourceStates } from "./test-factories";

describe("scoreEvidence", () => {
  test("an account with nothing collected yet is all no_data: no score, coverage 0", () => {
    const evidence = makeEvidence({
      sources: {
        guardduty: sourceStates("not_collected"),
        securityhub: sourceStates("not_collected"),
        cloudtrail: sourceStates("not_collected"),
      },
      detectors: [],
      hubs: [],
    });
    const score = scoreEvidence(evidence);
    expect(score.items).toHaveLength(CHECKLIST_ITEMS.length);
    expect(new Set(score.items.map((item) => item.status))).toEqual(new Set(["no_data"]));
    expect(score.score).toBeNull();
    expect(score.riskAdjustedScore).toBeNull();
    expect(score.coverage).toBe(0);
    expect(score.checklistVersion).toBe(CHECKLIST_VERSION);
    for (const item of score.items) expect(item.missingSources?.length ?? 0, item.itemId).toBeGreaterThan(0);
  });

  test("is deterministic: same evidence, same snapshot", () => {
    const evidence = makeEvidence();
    expect(scoreEvidence(evidence)).toEqual(scoreEvidence(makeEvidence()));
  });
});
