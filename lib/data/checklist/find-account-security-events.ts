import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import type { SecurityEventRecord } from "@/lib/aws/normalise/types";
import { decodeEventCursor, encodeEventCursor, type TEventFilters, ZEventFilters } from "@/lib/data/checklist/event-filters";
import type { EventSummaryRow } from "@/lib/data/checklist/event-summary-row";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

export type AccountSecurityEvent = SecurityEventRecord;

export const EVENTS_PAGE_SIZE = 25;

export type { TEventFilters };

function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}

/**
 * One page of the account's security-relevant CloudTrail events (collection keeps only
 * those), newest first, filtered, keyset-paged on (event_time, event_id) from the
 * (account_id, event_time DESC) index so an old page costs what the first does. Empty when
 * the user may not see the account.
 */
export async function findAccountSecurityEvents(
  user: SessionUser,
  accountId: string,
  filters: TEventFilters = ZEventFilters.parse({}),
  limit = EVENTS_PAGE_SIZE,
): Promise<{ rows: AccountSecurityEvent[]; nextCursor: string | null }> {
  const conditions: Prisma.Sql[] = [Prisma.sql`account_id = ${accountId}`, accountInScope(user.scope, "account_id")];
  if (filters.ev_name) conditions.push(Prisma.sql`event_name = ${filters.ev_name}`);
  if (filters.ev_region) conditions.push(Prisma.sql`region = ${filters.ev_region}`);
  if (filters.ev_failed) conditions.push(Prisma.sql`error_code IS NOT NULL`);
  if (filters.ev_q) {
    const pattern = likeContains(filters.ev_q);
    conditions.push(
      Prisma.sql`(event_name ILIKE ${pattern} OR user_arn ILIKE ${pattern} OR user_type ILIKE ${pattern} OR source_ip ILIKE ${pattern})`,
    );
  }
  // parseEventFilters refuses a bad cursor at the edge; checked again so no caller can send one on to `::timestamptz` (a 500).
  const cursor = filters.ev_after ? decodeEventCursor(filters.ev_after) : null;
  if (filters.ev_after && !cursor) throw new AppError("INVALID_INPUT", "ev_after: is not a page cursor of this timeline");
  if (cursor) conditions.push(Prisma.sql`(event_time, event_id) < (${cursor.t}::timestamptz, ${cursor.i}::text)`);
  const rows = await getDb().$queryRaw<EventSummaryRow[]>`
    SELECT event_id, event_name, event_source, event_time, region, user_type, user_arn, source_ip, error_code, mfa_used
    FROM cloudtrail_events
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY event_time DESC, event_id DESC
    LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit).map((row) => ({
    eventId: row.event_id,
    eventName: row.event_name,
    eventSource: row.event_source,
    eventTime: row.event_time,
    region: row.region,
    userType: row.user_type,
    userArn: row.user_arn,
    sourceIp: row.source_ip,
    errorCode: row.error_code,
    mfaUsed: row.mfa_used,
  }));
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeEventCursor(last) : null,
  };
}
