import type { z } from "zod";

/**
 * Opaque keyset-page cursors (`after=` / `before=` in URLs): a row's sort key and id as JSON
 * in base64url. Each list keeps its own schema for what is inside; this is the one codec.
 */
export function encodeKeysetCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

/**
 * The position in `value`, or null when there is none or it does not parse: a cursor edited
 * by hand (or from an older version) starts at the first page instead of failing it.
 */
export function decodeKeysetCursor<T>(value: string | undefined, schema: z.ZodType<T>): T | null {
  if (!value) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
