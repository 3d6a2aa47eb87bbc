import { describe, expect, test } from "vitest";
import { EVENT_EVIDENCE_WINDOW_DAYS } from "@/lib/checklist/events/event-window";
import { CHECKLIST_ITEMS } from "@/lib/checklist/items";

/**
 * Event retention's floor (PARAPET_CLOUDTRAIL_RETENTION_DAYS) is EVENT_EVIDENCE_WINDOW_DAYS;
 * it only protects the score if no item looks further back than that window.
 */
describe("the CloudTrail evidence window", () => {
  test("covers every events rule's look-back", () => {
    const windows = CHECKLIST_ITEMS.flatMap((item) => (item.evidence.kind === "risky_events" ? [item.evidence.windowDays] : []));
    expect(windows.length).toBeGreaterThanOrEqual(4);
    expect(windows.filter((days) => days > EVENT_EVIDENCE_WINDOW_DAYS)).toEqual([]);
  });
});
