import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { buildFindingsWhere } from "@/lib/data/findings/build-findings-where";
import type { TFindingFilters } from "@/lib/data/findings/finding-filters";
import { Prisma } from "@/lib/generated/prisma/client";
import { decodeKeysetCursor, encodeKeysetCursor } from "@/lib/schemas/keyset-cursor";

export const FINDINGS_PAGE_SIZE = 50;

export interface FindingRow {
  id: string;
  source: string;
  sourceId: string;
  accountId: string;
  accountName: string;
  region: string;
  type: string;
  title: string;
  severity: number;
  severityLabel: string;
  status: string;
  workflowStatus: string | null;
  complianceStatus: string | null;
  controlId: string | null;
  resourceType: string | null;
  resourceId: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  linkedGuardDutyId: string | null;
}

export interface FindingsPage {
  rows: FindingRow[];
  /** Cursor of the page after this one (`after=`), null on the last page. */
  nextCursor: string | null;
  /** Cursor of the page before this one (`before=`), null on the first page. */
  previousCursor: string | null;
}

/** Keyset position: the sort key and the id of a row (ids break ties). */
const ZCursor = z.object({ k: z.union([z.number(), z.string()]), i: z.string().regex(/^\d+$/) });
type TCursor = z.infer<typeof ZCursor>;

type Sort = TFindingFilters["sort"];
type KeyKind = "number" | "time" | "text";

/**
 * Each sort column: its SQL expression (nullable text columns sort as '' so the keyset
 * comparison never meets a NULL), the kind of its cursor key, and how to read the key off a row.
 */
const SORTS: Record<Sort, { sql: Prisma.Sql; kind: KeyKind; key: (row: FindingRow) => number | string }> = {
  severity: { sql: Prisma.sql`f.severity`, kind: "number", key: (row) => row.severity },
  last_seen: { sql: Prisma.sql`f.last_seen_at`, kind: "time", key: (row) => row.lastSeenAt.toISOString() },
  first_seen: { sql: Prisma.sql`f.first_seen_at`, kind: "time", key: (row) => row.firstSeenAt.toISOString() },
  title: { sql: Prisma.sql`f.title`, kind: "text", key: (row) => row.title },
  account: { sql: Prisma.sql`f.account_id`, kind: "text", key: (row) => row.accountId },
  region: { sql: Prisma.sql`f.region`, kind: "text", key: (row) => row.region },
  source: { sql: Prisma.sql`f.source`, kind: "text", key: (row) => row.source },
  control: { sql: Prisma.sql`COALESCE(f.control_id, '')`, kind: "text", key: (row) => row.controlId ?? "" },
  resource: { sql: Prisma.sql`COALESCE(f.resource_id, '')`, kind: "text", key: (row) => row.resourceId ?? "" },
  status: { sql: Prisma.sql`f.status`, kind: "text", key: (row) => row.status },
};

function encodeCursor(row: FindingRow, sort: Sort): string {
  const cursor: TCursor = { k: SORTS[sort].key(row), i: row.id };
  return encodeKeysetCursor(cursor);
}

function decodeCursor(value: string | undefined, sort: Sort): TCursor | null {
  const cursor = decodeKeysetCursor(value, ZCursor);
  if (!cursor) return null;
  const { kind } = SORTS[sort];
  const key = cursor.k;
  const isValidKey = kind === "number" ? typeof key === "number" : kind === "time" ? typeof key === "string" && !Number.isNaN(Date.parse(key)) : typeof key === "string";
  return isValidKey ? cursor : null;
}

function keyParam(cursor: TCursor, kind: KeyKind): Prisma.Sql {
  return kind === "number" ? Prisma.sql`${cursor.k}::real` : kind === "time" ? Prisma.sql`${cursor.k}::timestamptz` : Prisma.sql`${cursor.k}::text`;
}

/**
 * One page of findings for the explorer and the CSV export: scoped to the user's accounts,
 * filtered, sorted by any column (either direction) then id, and paginated by keyset so
 * page 500 costs what page 1 does. `after` walks forward, `before` walks back; a cursor
 * that does not decode for this sort is treated as the first page.
 */
export async function findFindings(
  user: SessionUser,
  filters: TFindingFilters,
  page: { after?: string; before?: string; limit?: number } = {},
): Promise<FindingsPage> {
  const limit = Math.min(Math.max(page.limit ?? FINDINGS_PAGE_SIZE, 1), 5000);
  const sort = SORTS[filters.sort];
  const before = decodeCursor(page.before, filters.sort);
  const after = before ? null : decodeCursor(page.after, filters.sort);
  const descending = filters.dir === "desc";
  // Walking back reads the rows before the cursor in reverse order, then flips them.
  const readDescending = before ? !descending : descending;
  const cursor = after ?? before;
  const keyset = cursor
    ? readDescending
      ? Prisma.sql`AND (${sort.sql}, f.id) < (${keyParam(cursor, sort.kind)}, ${cursor.i}::bigint)`
      : Prisma.sql`AND (${sort.sql}, f.id) > (${keyParam(cursor, sort.kind)}, ${cursor.i}::bigint)`
    : Prisma.empty;
  const direction = readDescending ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const raw = await getDb().$queryRaw<
    Array<{
      id: string; source: string; source_id: string; account_id: string; account_name: string; region: string; type: string;
      title: string; severity: number; severity_label: string; status: string; workflow_status: string | null;
      compliance_status: string | null; control_id: string | null; resource_type: string | null; resource_id: string | null;
      first_seen_at: Date; last_seen_at: Date; linked_guardduty_id: string | null;
    }>
  >`
    SELECT f.id::text AS id, f.source, f.source_id, f.account_id, a.name AS account_name, f.region, f.type, f.title,
           f.severity, f.severity_label, f.status, f.workflow_status, f.compliance_status, f.control_id,
           f.resource_type, f.resource_id, f.first_seen_at, f.last_seen_at, f.linked_guardduty_id
    FROM findings f
    JOIN accounts a ON a.id = f.account_id
    WHERE ${buildFindingsWhere(user, filters)} ${keyset}
    ORDER BY ${sort.sql} ${direction}, f.id ${direction}
    LIMIT ${limit + 1}`;
  const hasMore = raw.length > limit;
  const pageRows = raw.slice(0, limit);
  if (before) pageRows.reverse();
  const rows: FindingRow[] = pageRows.map((row) => ({
    id: row.id,
    source: row.source,
    sourceId: row.source_id,
    accountId: row.account_id,
    accountName: row.account_name,
    region: row.region,
    type: row.type,
    title: row.title,
    severity: Number(row.severity),
    severityLabel: row.severity_label,
    status: row.status,
    workflowStatus: row.workflow_status,
    complianceStatus: row.compliance_status,
    controlId: row.control_id,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    linkedGuardDutyId: row.linked_guardduty_id,
  }));
  const first = rows[0];
  const last = rows[rows.length - 1];
  // Walking back, "more" lies before; walking forward (or from the top), it lies after.
  const hasNext = before ? true : hasMore;
  const hasPrevious = before ? hasMore : after !== null;
  return {
    rows,
    nextCursor: hasNext && last ? encodeCursor(last, filters.sort) : null,
    previousCursor: hasPrevious && first ? encodeCursor(first, filters.sort) : null,
  };
}
