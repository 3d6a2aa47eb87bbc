import { z } from "zod";

/**
 * Opaque keyset-page cursors (`after=` / `before=` in URLs): a row's sort key and id as JSON
 * in base64url. Each list keeps its own schema for what is inside; this is the one codec.
 */

/** Largest value of a PostgreSQL bigint (bigserial ids): a larger "id" in a cursor would overflow the cast. */
const MAX_BIGINT = 9_223_372_036_854_775_807n;
/** Cursors are short base64url JSON; anything much longer is not one of ours. */
const MAX_CURSOR_LENGTH = 512;

/** A bigserial row id as text, within PostgreSQL's bigint range. */
export const ZRowId = z
  .string()
  .regex(/^\d{1,19}$/, "a row id is a positive integer")
  // zod runs refinements even after the regex failed, so this must not assume digits: BigInt(":") throws (the fuzz test found it as a 500).
  .refine((value) => /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT, "a row id is at most 9223372036854775807");

/**
 * A UTC timestamp exactly as `Date.toISOString()` writes it. Stricter than Date.parse on
 * purpose: V8 accepts "1" or "2024-02-31" (rolled over to March), which PostgreSQL's
 * timestamptz refuses, so the round trip must give back the same text.
 */
export const ZIsoTimestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, "a timestamp is yyyy-mm-ddThh:mm:ss.sssZ")
  .refine((value) => {
    const time = Date.parse(value);
    return !Number.isNaN(time) && new Date(time).toISOString() === value;
  }, "not a real date and time");

export function encodeKeysetCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/**
 * Decodes a base64url JSON cursor against its schema; null when there is none or it is not
 * a cursor this schema wrote (bad base64, bad JSON, wrong shape, out-of-range values). The
 * caller decides what null means; the findings and runs lists refuse it as a 400.
 */
export function decodeKeysetCursor<T>(value: string | undefined, schema: z.ZodType<T>): T | null {
  if (!value || value.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
