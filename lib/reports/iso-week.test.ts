import { describe, expect, test } from "vitest";
import { isoWeekOf, lastCompleteIsoWeek, parseIsoWeek, shiftIsoWeek } from "./iso-week";

describe("ISO weeks", () => {
  test("2026-W48 runs from Monday 23 November to Monday 30 November 2026 (exclusive)", () => {
    const week = parseIsoWeek("2026-W48")!;
    expect(week.start.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(week.end.toISOString()).toBe("2026-11-30T00:00:00.000Z");
  });

  test("week 1 holds 4 January: 2026-W01 starts on 29 December 2025", () => {
    expect(parseIsoWeek("2026-W01")!.start.toISOString()).toBe("2025-12-29T00:00:00.000Z");
    expect(isoWeekOf(new Date("2025-12-31T12:00:00Z")).id).toBe("2026-W01");
  });

  test("W53 exists only in long years (2026 has 53 weeks, 2025 has 52)", () => {
    expect(parseIsoWeek("2026-W53")?.start.toISOString()).toBe("2026-12-28T00:00:00.000Z");
    expect(parseIsoWeek("2025-W53")).toBeNull();
    expect(parseIsoWeek("2026-W00")).toBeNull();
    expect(parseIsoWeek("2026-48")).toBeNull();
  });

  test("Sunday 23:59 belongs to the week, Monday 00:00 to the next", () => {
    expect(isoWeekOf(new Date("2026-11-29T23:59:59Z")).id).toBe("2026-W48");
    expect(isoWeekOf(new Date("2026-11-30T00:00:00Z")).id).toBe("2026-W49");
  });

  test("shifting and the last complete week", () => {
    expect(shiftIsoWeek(parseIsoWeek("2026-W02")!, -3).id).toBe("2025-W51");
    expect(lastCompleteIsoWeek(new Date("2026-12-01T08:00:00Z")).id).toBe("2026-W48");
  });
});
