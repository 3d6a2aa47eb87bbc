import { z } from "zod";
import { decodeKeysetCursor, encodeKeysetCursor, ZIsoTimestamp, ZRowId } from "@/lib/schemas/keyset-cursor";

/** Keyset position of the runs list (started_at, id), range-checked like the findings cursor. */
const ZRunCursor = z.strictObject({ t: ZIsoTimestamp, i: ZRowId });
export type TRunCursor = z.infer<typeof ZRunCursor>;

export function encodeRunCursor(row: { id: string; startedAt: Date }): string {
  return encodeKeysetCursor({ t: row.startedAt.toISOString(), i: row.id } satisfies TRunCursor);
}

export function decodeRunCursor(value: string): TRunCursor | null {
  return decodeKeysetCursor(value, ZRunCursor);
}
