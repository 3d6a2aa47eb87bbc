import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountScopeOf } from "@/lib/auth/permissions";
import type { SecurityEventRecord } from "@/lib/aws/normalise/types";
import { getDb } from "@/lib/db";

export type AccountSecurityEvent = SecurityEventRecord;

/**
 * The account's latest security-relevant CloudTrail events (collection keeps only those),
 * newest first, from the (account_id, event_time DESC) index. Empty when the user may not
 * see the account.
 */
export async function findAccountSecurityEvents(user: SessionUser, accountId: string, limit = 15): Promise<AccountSecurityEvent[]> {
  const scope = accountScopeOf(user);
  const rows = await getDb().$queryRaw<
    Array<{ event_id: string; event_name: string; event_source: string; event_time: Date; region: string; user_type: string | null; user_arn: string | null; source_ip: string | null; error_code: string | null; mfa_used: boolean | null }>
  >`
    SELECT event_id, event_name, event_source, event_time, region, user_type, user_arn, source_ip, error_code, mfa_used
    FROM cloudtrail_events
    WHERE account_id = ${accountId} AND (${scope.all} OR account_id = ANY(${scope.ids}::text[]))
    ORDER BY event_time DESC, event_id
    LIMIT ${limit}`;
  return rows.map((row) => ({
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
}
