import "server-only";
import { mapSecurityEventRow, SECURITY_EVENT_COLUMNS, type SecurityEventRow } from "@/lib/data/checklist/map-security-event-row";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { findAttemptSignals, type AttemptSignal } from "@/lib/checklist/events/find-attempt-signals";
import { getDb } from "@/lib/db";

const WINDOW_DAYS = 30;

/**
 * Failed and denied attempts at what the event items judge (root sign-ins, tampering with
 * CloudTrail, disabling detection), over the last 30 days: signals for the account page,
 * never a failed item. Only unsuccessful records are read (errorCode, errorMessage, or a
 * failed ConsoleLogin). Empty when the user may not see the account.
 */
export async function findAccountAttemptSignals(user: SessionUser, accountId: string, now: Date = new Date()): Promise<AttemptSignal[]> {
  const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000);
  const rows = await getDb().$queryRaw<Array<SecurityEventRow & { kms_key_ids: string[] | null }>>`
    SELECT ${Prisma.raw(SECURITY_EVENT_COLUMNS)},
           (SELECT array_agg(kms_key_id) FROM trails t WHERE t.account_id = e.account_id AND t.kms_key_id IS NOT NULL) AS kms_key_ids
    FROM cloudtrail_events e
    WHERE account_id = ${accountId} AND ${accountInScope(user.scope, "account_id")}
      AND event_time >= ${since}
      AND (error_code IS NOT NULL OR raw ? 'errorMessage' OR raw->'responseElements'->>'ConsoleLogin' = 'Failure')
    ORDER BY event_time DESC
    LIMIT 5000`;
  const events = rows.map(mapSecurityEventRow);
  const trails = (rows[0]?.kms_key_ids ?? []).map((kmsKeyId) => ({
    name: "",
    homeRegion: "",
    isMultiRegion: false,
    isLogging: true,
    logFileValidation: false,
    kmsKeyId,
    cloudWatchLogsLogGroupArn: null,
  }));
  return findAttemptSignals(events, now, WINDOW_DAYS, trails);
}
