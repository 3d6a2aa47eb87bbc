import { z } from "zod";
import { decodeKeysetCursor, encodeKeysetCursor, ZIsoTimestamp } from "@/lib/schemas/keyset-cursor";
import { hasControlCharacter } from "@/lib/schemas/has-control-character";
import { parseQueryParams, type QueryParams } from "@/lib/schemas/query-params";

/** The account page's timeline parameters (prefixed `ev_` so they sit beside the page's others). */
export const EVENT_FILTER_KEYS = ["ev_name", "ev_region", "ev_failed", "ev_q", "ev_after"] as const;

/** `?x=` with nothing typed is the same as no `x`. */
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/**
 * Keyset position of the timeline (event_time, event_id). The time is exact ISO text (V8's
 * Date.parse takes "1", which `::timestamptz` refuses: a 500) and the id holds no control
 * character (PostgreSQL refuses NUL in text; CloudTrail ids are UUID-like).
 */
const ZEventCursor = z.strictObject({
  t: ZIsoTimestamp,
  i: z
    .string()
    .min(1)
    .max(256)
    .refine((value) => !hasControlCharacter(value)),
});
export type TEventCursor = z.infer<typeof ZEventCursor>;

export function encodeEventCursor(row: { eventTime: Date; eventId: string }): string {
  return encodeKeysetCursor({ t: row.eventTime.toISOString(), i: row.eventId } satisfies TEventCursor);
}

/** The cursor, or null when it is not one the timeline wrote. */
export function decodeEventCursor(value: string): TEventCursor | null {
  return decodeKeysetCursor(value, ZEventCursor);
}

/**
 * The timeline's filters as they appear in the URL. Bad input is refused with a message
 * naming the parameter, never guessed around: dropping a misspelt event name silently would
 * show every event as if it were the one asked for.
 */
export const ZEventFilters = z.object({
  ev_name: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9]{1,128}$/, "an event name is letters and digits, like ConsoleLogin")
      .optional(),
  ),
  ev_region: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region looks like eu-west-1")
      .optional(),
  ),
  /** Only calls AWS refused (errorCode set): failed sign-ins, denied changes. */
  ev_failed: z.preprocess(
    blankToUndefined,
    z
      .enum(["1", "true", "0", "false"], { error: "must be 1, true, 0 or false" })
      .optional()
      .transform((value) => value === "1" || value === "true"),
  ),
  /** Contains, over the event name, the caller ARN, the user type and the source IP. */
  ev_q: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(200, "must be at most 200 characters")
      .refine((value) => !hasControlCharacter(value), "must not contain control characters")
      .optional(),
  ),
  ev_after: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((value) => decodeEventCursor(value) !== null, "is not a page cursor of this timeline (start again from the newest events)")
      .optional(),
  ),
});
export type TEventFilters = z.infer<typeof ZEventFilters>;

/** Reads the timeline's parameters (first value wins, other parameters ignored); throws an INVALID_INPUT AppError naming each bad one. */
export function parseEventFilters(params: QueryParams): TEventFilters {
  return parseQueryParams(ZEventFilters, params);
}
