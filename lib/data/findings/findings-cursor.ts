import { z } from "zod";
import { decodeKeysetCursor, encodeKeysetCursor, ZIsoTimestamp, ZRowId } from "@/lib/schemas/keyset-cursor";

/**
 * The explorer's keyset position: the sort key and the id of a row (ids break ties).
 * Severity is Parapet's 0-100 scale; last seen is a timestamp. Each value is checked
 * against the range its SQL cast accepts, so a crafted cursor is refused here (a 400)
 * instead of overflowing `::real`, `::timestamptz` or `::bigint` in the database (a 500).
 */
const ZSeverityCursor = z.strictObject({ k: z.number().min(0).max(100), i: ZRowId });
const ZLastSeenCursor = z.strictObject({ k: ZIsoTimestamp, i: ZRowId });

export type FindingsSort = "severity" | "last_seen";
export type TFindingsCursor = { k: number | string; i: string };

export function encodeFindingsCursor(row: { id: string; severity: number; lastSeenAt: Date }, sort: FindingsSort): string {
  return encodeKeysetCursor({ k: sort === "severity" ? row.severity : row.lastSeenAt.toISOString(), i: row.id } satisfies TFindingsCursor);
}

/** The cursor, or null when it is not one this sort order wrote. */
export function decodeFindingsCursor(value: string, sort: FindingsSort): TFindingsCursor | null {
  return sort === "severity" ? decodeKeysetCursor(value, ZSeverityCursor) : decodeKeysetCursor(value, ZLastSeenCursor);
}
