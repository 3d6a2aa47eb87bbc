import { z } from "zod";

const NO_ZONE_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads the timestamp shapes AWS records arrive in: ISO 8601 strings (the wire format),
 * `Date` objects (SDK output), epoch seconds or milliseconds, and the space-separated,
 * nanosecond, zone-less form that log pipelines such as Panther write
 * ("2025-02-25 20:40:06.000000000"). AWS timestamps are UTC, so a missing zone means UTC,
 * never the host's local time. Returns null when the value is not a timestamp.
 */
export function parseAwsTimestamp(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === "number" && Number.isFinite(value)) {
    // Below 1e11 it can only be seconds (1e11 ms is 1973, 1e11 s is year 5138).
    return new Date(value < 1e11 ? value * 1000 : value);
  }
  if (typeof value !== "string") return null;
  const text = value.trim();
  const match = NO_ZONE_DATE_TIME.exec(text);
  if (match) {
    const [, day, time, fraction, zone] = match;
    const milliseconds = fraction ? fraction.slice(0, 4).padEnd(4, "0") : "";
    const offset = zone === undefined ? "Z" : zone.toUpperCase() === "Z" ? "Z" : zone.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
    const parsed = new Date(`${day}T${time}${milliseconds}${offset}`);
    return Number.isNaN(parsed.getTime()) ? null : parsed;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const parsed = new Date(text);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** zod boundary for a required AWS timestamp; the issue says what was found instead. */
export const ZAwsTimestamp = z.unknown().transform((value, context) => {
  const parsed = parseAwsTimestamp(value);
  if (parsed === null) {
    context.addIssue({
      code: "custom",
      message: value === undefined || value === null ? "missing" : `not a timestamp: ${JSON.stringify(value).slice(0, 60)}`,
    });
    return z.NEVER;
  }
  return parsed;
});
