import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import type { SecurityEvent } from "@/lib/checklist/evidence";
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
  const rows = await getDb().$queryRaw<
    Array<{
      event_id: string;
      event_name: string;
      event_source: string;
      event_time: Date;
      region: string;
      user_type: string | null;
      user_arn: string | null;
      error_code: string | null;
      mfa_used: boolean | null;
      error_message: string | null;
      login_result: string | null;
      invoked_by: string | null;
      event_type: string | null;
      request_parameters: unknown;
      kms_key_ids: string[] | null;
    }>
  >`
    SELECT event_id, event_name, event_source, event_time, region, user_type, user_arn, error_code, mfa_used,
           raw->>'errorMessage' AS error_message, raw->'responseElements'->>'ConsoleLogin' AS login_result,
           raw->'userIdentity'->>'invokedBy' AS invoked_by, raw->>'eventType' AS event_type, raw->'requestParameters' AS request_parameters,
           (SELECT array_agg(kms_key_id) FROM trails t WHERE t.account_id = e.account_id AND t.kms_key_id IS NOT NULL) AS kms_key_ids
    FROM cloudtrail_events e
    WHERE account_id = ${accountId} AND ${accountInScope(user.scope, "account_id")}
      AND event_time >= ${since}
      AND (error_code IS NOT NULL OR raw ? 'errorMessage' OR raw->'responseElements'->>'ConsoleLogin' = 'Failure')
    ORDER BY event_time DESC
    LIMIT 5000`;
  const events = rows.map((row): SecurityEvent => ({
    eventId: row.event_id,
    eventName: row.event_name,
    eventSource: row.event_source,
    eventTime: row.event_time,
    region: row.region,
    userType: row.user_type,
    userArn: row.user_arn,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    loginResult: row.login_result,
    invokedBy: row.invoked_by,
    eventType: row.event_type,
    requestParameters: row.request_parameters,
    mfaUsed: row.mfa_used,
  }));
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
