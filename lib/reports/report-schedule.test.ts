import { describe, expect, test } from "vitest";
import { parseIsoWeek } from "./iso-week";
import { parseScheduleSetting, scheduleDueAt } from "./report-schedule";

describe("report schedules", () => {
  const weekEnd = parseIsoWeek("2026-W48")!.end; // Monday 30 November 2026

  test("the default builds last week's report on Monday 06:00 UTC", () => {
    expect(scheduleDueAt(weekEnd, parseScheduleSetting("monday 06:00 UTC")).toISOString()).toBe("2026-11-30T06:00:00.000Z");
  });

  test("a local time in another zone: Tuesday 08:30 in Berlin (UTC+1 in winter) is 07:30 UTC", () => {
    expect(scheduleDueAt(weekEnd, parseScheduleSetting("tue 08:30 Europe/Berlin")).toISOString()).toBe("2026-12-01T07:30:00.000Z");
  });

  test("summer time: Monday 09:00 in New York on 6 July 2026 is 13:00 UTC", () => {
    expect(scheduleDueAt(parseIsoWeek("2026-W27")!.end, parseScheduleSetting("monday 09:00 America/New_York")).toISOString()).toBe(
      "2026-07-06T13:00:00.000Z",
    );
  });

  test("bad settings are one clear error", () => {
    expect(() => parseScheduleSetting("someday 06:00")).toThrow(/PARAPET_REPORT_SCHEDULE/);
    expect(() => parseScheduleSetting("monday 6am")).toThrow(/PARAPET_REPORT_SCHEDULE/);
    expect(() => parseScheduleSetting("monday 06:00 Mars/Olympus")).toThrow(/PARAPET_REPORT_SCHEDULE/);
  });
});
