import { z } from "zod";
import { ZReportScope } from "./report-scope";

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const ZScheduleInput = z.object({
  id: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  name: z.string().trim().min(1, "give the schedule a name").max(120),
  scope: ZReportScope,
  recipients: z.array(z.email("each recipient must be an e-mail address")).max(50, "at most 50 recipients"),
  paper: z.enum(["a4", "letter"]).default("a4"),
  dayOfWeek: z.coerce.number().int().min(1, "day 1 (Monday) to 7 (Sunday)").max(7, "day 1 (Monday) to 7 (Sunday)"),
  timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time as HH:MM (24 h)"),
  timeZone: z.string().refine(isTimeZone, "an IANA time zone such as UTC or Europe/Berlin"),
  enabled: z.boolean().default(true),
});
export type ScheduleInput = z.infer<typeof ZScheduleInput>;

/** PARAPET_REPORT_SCHEDULE ("monday 06:00 UTC") as day, time and zone. */
export function parseScheduleSetting(text: string): { dayOfWeek: number; timeOfDay: string; timeZone: string } {
  const [day = "", time = "", zone = "UTC"] = text.trim().split(/\s+/);
  const index = WEEKDAYS.findIndex((name) => name.startsWith(day.toLowerCase().slice(0, 3)));
  if (index < 0 || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time) || !isTimeZone(zone))
    throw new Error(`PARAPET_REPORT_SCHEDULE: "${text}" is not "<weekday> HH:MM [time zone]"`);
  return { dayOfWeek: index + 1, timeOfDay: time, timeZone: zone };
}

/** Offset (ms) of `zone` from UTC at the instant `at`. */
function zoneOffset(at: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(at))
      .map((part) => [part.type, part.value]),
  );
  return (
    Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    ) -
    Math.floor(at / 1000) * 1000
  );
}

/**
 * When a schedule builds the report of the week ending at `weekEnd` (a Monday 00:00 UTC):
 * the first (dayOfWeek, HH:MM in the zone) on or after the week's end, counted from that
 * Monday's calendar date. "monday 06:00 UTC" builds last week's report on Monday 06:00.
 */
export function scheduleDueAt(weekEnd: Date, schedule: { dayOfWeek: number; timeOfDay: string; timeZone: string }): Date {
  const [hours, minutes] = schedule.timeOfDay.split(":").map(Number) as [number, number];
  const local = Date.UTC(weekEnd.getUTCFullYear(), weekEnd.getUTCMonth(), weekEnd.getUTCDate() + (schedule.dayOfWeek - 1), hours, minutes);
  // Local wall time -> UTC: subtract the zone's offset, then correct once across a DST change.
  let utc = local - zoneOffset(local, schedule.timeZone);
  utc = local - zoneOffset(utc, schedule.timeZone);
  return new Date(utc);
}
