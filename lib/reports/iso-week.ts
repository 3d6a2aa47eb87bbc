/** ISO 8601 weeks (Monday to Sunday, UTC), the period of a weekly report: "2026-W48". */
export interface IsoWeek {
  /** "2026-W48" */
  id: string;
  year: number;
  week: number;
  /** Monday 00:00 UTC */
  start: Date;
  /** the next Monday 00:00 UTC (exclusive) */
  end: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

/** Monday 00:00 UTC of ISO week 1 of `year` (the week holding 4 January). */
function firstMonday(year: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const weekday = (jan4.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(jan4.getTime() - weekday * DAY_MS);
}

function weeksInYear(year: number): number {
  return Math.round((firstMonday(year + 1).getTime() - firstMonday(year).getTime()) / (7 * DAY_MS));
}

function build(year: number, week: number): IsoWeek {
  const start = new Date(firstMonday(year).getTime() + (week - 1) * 7 * DAY_MS);
  return { id: `${year}-W${String(week).padStart(2, "0")}`, year, week, start, end: new Date(start.getTime() + 7 * DAY_MS) };
}

/** Parses "2026-W48"; null when malformed or the year has no such week (W53 exists only in long years). */
export function parseIsoWeek(text: string): IsoWeek | null {
  const match = WEEK_PATTERN.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < 2000 || year > 2999 || week < 1 || week > weeksInYear(year)) return null;
  return build(year, week);
}

/** The ISO week holding the instant `at` (UTC). */
export function isoWeekOf(at: Date): IsoWeek {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  // The ISO year is the year of the week's Thursday.
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  const thursday = new Date(day + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - firstMonday(year).getTime()) / (7 * DAY_MS)) + 1;
  return build(year, week);
}

/** `count` weeks before (negative) or after (positive) `week`. */
export function shiftIsoWeek(week: IsoWeek, count: number): IsoWeek {
  return isoWeekOf(new Date(week.start.getTime() + count * 7 * DAY_MS + DAY_MS));
}

/** The last week that has fully ended at `now`. */
export function lastCompleteIsoWeek(now: Date): IsoWeek {
  return shiftIsoWeek(isoWeekOf(now), -1);
}
