import { z } from "zod";
import { ZAccountId } from "@/lib/aws/account-id";
import { FINDING_STATUSES } from "@/lib/aws/normalise/types";
import { FINDING_SOURCES } from "@/lib/aws/sources";
import type { FindingRow } from "@/lib/data/findings/find-findings";
import { decodeKeysetCursor, encodeKeysetCursor, ZIsoTimestamp, ZRowId } from "@/lib/schemas/keyset-cursor";

/** Every column the explorer sorts by (find-findings.ts maps each to its SQL expression). */
export const FINDING_SORTS = [
  "severity",
  "last_seen",
  "first_seen",
  "title",
  "account",
  "region",
  "source",
  "control",
  "resource",
  "status",
] as const;
export type FindingsSort = (typeof FINDING_SORTS)[number];
/** How a sort key reaches SQL: `::real`, `::timestamptz` or `::text`. */
export type FindingsCursorKind = "number" | "time" | "text";
export type TFindingsCursor = { k: number | string; i: string };
export type FindingsCursorRow = Pick<
  FindingRow,
  "id" | "severity" | "lastSeenAt" | "firstSeenAt" | "title" | "accountId" | "region" | "source" | "controlId" | "resourceId" | "status"
>;

/** Longest free-text sort key a cursor carries (AWS caps resource ARNs at 2048 characters; titles are far shorter). */
const MAX_TEXT_KEY = 2048;
/** Room for MAX_TEXT_KEY characters of any script, JSON-escaped and base64url-encoded. */
const MAX_TEXT_CURSOR_LENGTH = 12_000;
/**
 * Free text as `::text` accepts it: PostgreSQL stores no NUL byte, so no row's key holds one,
 * and a cursor with one would fail in the database (a 500) rather than find a position.
 */
const ZTextKey = z
  .string()
  .max(MAX_TEXT_KEY)
  .refine((value) => !value.includes("\u0000"));

/**
 * Each sort's keyset position: the sort key and the id of a row (ids break ties). Each key
 * is checked against what its column can hold (severity is Parapet's 0-100 scale, times are
 * exact ISO timestamps, source and status are the database's CHECK lists, account ids 12
 * digits), so a crafted cursor, or one written for another sort, is refused here (a 400)
 * instead of overflowing `::real`, `::timestamptz` or `::bigint` in the database (a 500).
 */
const SORT_KEYS: {
  [S in FindingsSort]: { kind: FindingsCursorKind; key: z.ZodType<number | string>; read: (row: FindingsCursorRow) => number | string };
} = {
  severity: { kind: "number", key: z.number().min(0).max(100), read: (row) => row.severity },
  last_seen: { kind: "time", key: ZIsoTimestamp, read: (row) => row.lastSeenAt.toISOString() },
  first_seen: { kind: "time", key: ZIsoTimestamp, read: (row) => row.firstSeenAt.toISOString() },
  title: { kind: "text", key: ZTextKey, read: (row) => row.title },
  account: { kind: "text", key: ZAccountId, read: (row) => row.accountId },
  region: { kind: "text", key: ZTextKey, read: (row) => row.region },
  source: { kind: "text", key: z.enum(FINDING_SOURCES), read: (row) => row.source },
  // Nullable columns sort as '' (COALESCE in find-findings.ts), so their key is '' too.
  control: { kind: "text", key: ZTextKey, read: (row) => row.controlId ?? "" },
  resource: { kind: "text", key: ZTextKey, read: (row) => row.resourceId ?? "" },
  status: { kind: "text", key: z.enum(FINDING_STATUSES), read: (row) => row.status },
};

const CURSOR_SCHEMAS = new Map<FindingsSort, z.ZodType<TFindingsCursor>>(
  FINDING_SORTS.map((sort) => [sort, z.strictObject({ k: SORT_KEYS[sort].key, i: ZRowId })]),
);

export function isFindingsSort(value: unknown): value is FindingsSort {
  return typeof value === "string" && (FINDING_SORTS as readonly string[]).includes(value);
}

export function findingsCursorKind(sort: FindingsSort): FindingsCursorKind {
  return SORT_KEYS[sort].kind;
}

export function encodeFindingsCursor(row: FindingsCursorRow, sort: FindingsSort): string {
  return encodeKeysetCursor({ k: SORT_KEYS[sort].read(row), i: row.id } satisfies TFindingsCursor);
}

/** The cursor, or null when it is not one this sort order wrote. */
export function decodeFindingsCursor(value: string, sort: FindingsSort): TFindingsCursor | null {
  const schema = CURSOR_SCHEMAS.get(sort);
  if (!schema) return null;
  return decodeKeysetCursor(value, schema, SORT_KEYS[sort].kind === "text" ? MAX_TEXT_CURSOR_LENGTH : undefined);
}
