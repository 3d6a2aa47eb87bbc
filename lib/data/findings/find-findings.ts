import "server-only";
import type { SessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { buildFindingsWhere } from "@/lib/data/findings/build-findings-where";
import type { TFindingFilters } from "@/lib/data/findings/finding-filters";
import { decodeFindingsCursor, encodeFindingsCursor, findingsCursorKind, type TFindingsCursor } from "@/lib/data/findings/findings-cursor";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

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

type Sort = TFindingFilters["sort"];

/**
 * Each sort column's SQL expression: nullable text columns sort as '' so the keyset
 * comparison never meets a NULL (findings-cursor.ts reads the same '' off a row).
 */
const SORT_SQL: Record<Sort, Prisma.Sql> = {
  severity: Prisma.sql`f.severity`,
  last_seen: Prisma.sql`f.last_seen_at`,
  first_seen: Prisma.sql`f.first_seen_at`,
  title: Prisma.sql`f.title`,
  account: Prisma.sql`f.account_id`,
  region: Prisma.sql`f.region`,
  source: Prisma.sql`f.source`,
  control: Prisma.sql`COALESCE(f.control_id, '')`,
  resource: Prisma.sql`COALESCE(f.resource_id, '')`,
  status: Prisma.sql`f.status`,
};

/** A cursor the edge let through but this sort cannot use is still refused, never run as SQL. */
function readCursor(value: string | undefined, sort: Sort, name: "after" | "before"): TFindingsCursor | null {
  if (!value) return null;
  const cursor = decodeFindingsCursor(value, sort);
  if (!cursor) throw new AppError("INVALID_INPUT", `${name}: is not a page cursor of this list (start again from the first page)`);
  return cursor;
}

function keyParam(cursor: TFindingsCursor, sort: Sort): Prisma.Sql {
  const kind = findingsCursorKind(sort);
  return kind === "number"
    ? Prisma.sql`${cursor.k}::real`
    : kind === "time"
      ? Prisma.sql`${cursor.k}::timestamptz`
      : Prisma.sql`${cursor.k}::text`;
}

/**
 * One page of findings for the explorer and the CSV export: scoped to the user's accounts,
 * filtered, sorted by any column (either direction) then id, and paginated by keyset so
 * page 500 costs what page 1 does. `after` walks forward, `before` walks back; a cursor
 * that does not decode for this sort is an INVALID_INPUT AppError (400).
 */
export async function findFindings(
  user: SessionUser,
  filters: TFindingFilters,
  page: { after?: string; before?: string; limit?: number } = {},
): Promise<FindingsPage> {
  const limit = Math.min(Math.max(page.limit ?? FINDINGS_PAGE_SIZE, 1), 5000);
  const sortSql = SORT_SQL[filters.sort];
  const before = readCursor(page.before, filters.sort, "before");
  const after = before ? null : readCursor(page.after, filters.sort, "after");
  const descending = filters.dir === "desc";
  // Walking back reads the rows before the cursor in reverse order, then flips them.
  const readDescending = before ? !descending : descending;
  const cursor = after ?? before;
  const keyset = cursor
    ? readDescending
      ? Prisma.sql`AND (${sortSql}, f.id) < (${keyParam(cursor, filters.sort)}, ${cursor.i}::bigint)`
      : Prisma.sql`AND (${sortSql}, f.id) > (${keyParam(cursor, filters.sort)}, ${cursor.i}::bigint)`
    : Prisma.empty;
  const direction = readDescending ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const raw = await getDb().$queryRaw<
    Array<{
      id: string;
      source: string;
      source_id: string;
      account_id: string;
      account_name: string;
      region: string;
      type: string;
      title: string;
      severity: number;
      severity_label: string;
      status: string;
      workflow_status: string | null;
      compliance_status: string | null;
      control_id: string | null;
      resource_type: string | null;
      resource_id: string | null;
      first_seen_at: Date;
      last_seen_at: Date;
      linked_guardduty_id: string | null;
    }>
  >`
    SELECT f.id::text AS id, f.source, f.source_id, f.account_id, a.name AS account_name, f.region, f.type, f.title,
           f.severity, f.severity_label, f.status, f.workflow_status, f.compliance_status, f.control_id,
           f.resource_type, f.resource_id, f.first_seen_at, f.last_seen_at, f.linked_guardduty_id
    FROM findings f
    JOIN accounts a ON a.id = f.account_id
    WHERE ${buildFindingsWhere(user, filters)} ${keyset}
    ORDER BY ${sortSql} ${direction}, f.id ${direction}
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
    nextCursor: hasNext && last ? encodeFindingsCursor(last, filters.sort) : null,
    previousCursor: hasPrevious && first ? encodeFindingsCursor(first, filters.sort) : null,
  };
}
