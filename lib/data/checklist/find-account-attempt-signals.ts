import "server-only";
import { mapSecurityEventRow, SECURITY_EVENT_COLUMNS, type SecurityEventRow } from "@/lib/data/checklist/map-security-event-row";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { findAttemptSignals, type AttemptSignal, type AttemptSignalKind } from "@/lib/checklist/events/find-attempt-signals";
import { TAMPERING_EVENT_SOURCES } from "@/lib/checklist/events/match-risky-event";
import { getDb } from "@/lib/db";

const WINDOW_DAYS = 30;
/** The newest candidates read per group; a group that reaches it makes its signals' counts lower bounds ("at least"). */
export const MAX_ATTEMPT_EVENTS = 2000;

type CandidateGroup = "sign_in" | "root" | "service";

/** The groups each signal's events come from (see the query's three branches). */
const SIGNAL_GROUPS: Record<AttemptSignalKind, readonly CandidateGroup[]> = {
  failed_root_sign_in: ["sign_in"],
  failed_console_sign_in: ["sign_in"],
  denied_root_call: ["root"],
  denied_logging_tampering: ["root", "service"],
  denied_detection_disabling: ["root", "service"],
};

/**
 * Failed and denied attempts at what the event items judge (root sign-ins, tampering with
 * CloudTrail, disabling detection), over the last 30 days: signals for the account page,
 * never a failed item. Only unsuccessful records are read (errorCode, errorMessage, or a
 * failed ConsoleLogin), and of those only the candidates a signal can match
 * (isAttemptCandidate), in three groups, newest first, at most MAX_ATTEMPT_EVENTS
 * each: sign-ins, other calls by root, and other calls to CloudTrail, KMS or a detection
 * service. So an application's stream of AccessDenied errors costs no
 * read at all, and a password-spraying flood of failed sign-ins cannot push a refused
 * StopLogging out of what is read. A group that reaches its cap marks the counts of the
 * signals drawn from it as lower bounds. Empty when the user may not see the account.
 */
export async function findAccountAttemptSignals(user: SessionUser, accountId: string, now: Date = new Date()): Promise<AttemptSignal[]> {
  const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000);
  // One scan of the account's failed candidates, numbered within their group, newest first:
  // three UNIONed scans (one per group) cost three plans over every monthly partition, and
  // planning was most of the statement's time (3.7 of 4.7 ms for two of them).
  const rows = await getDb().$queryRaw<Array<SecurityEventRow & { candidate_group: CandidateGroup }>>`
    SELECT ${Prisma.raw(SECURITY_EVENT_COLUMNS)}, e.candidate_group
    FROM (
      SELECT c.*, row_number() OVER (PARTITION BY c.candidate_group ORDER BY c.event_time DESC, c.event_id) AS rank
      FROM (
        SELECT e.*,
               CASE WHEN e.event_name = 'ConsoleLogin' THEN 'sign_in' WHEN e.user_type = 'Root' THEN 'root' ELSE 'service' END AS candidate_group
        FROM cloudtrail_events e
        WHERE e.account_id = ${accountId} AND ${accountInScope(user.scope, "e.account_id")}
          AND e.event_time >= ${since}
          AND (e.error_code IS NOT NULL OR e.raw ? 'errorMessage' OR e.raw->'responseElements'->>'ConsoleLogin' = 'Failure')
          AND (e.event_name = 'ConsoleLogin' OR e.user_type = 'Root' OR e.event_source = ANY(${TAMPERING_EVENT_SOURCES as string[]}::text[]))
      ) c
    ) e
    WHERE e.rank <= ${MAX_ATTEMPT_EVENTS}`;
  const capped = new Set(
    (["sign_in", "root", "service"] as const).filter(
      (name) => rows.filter((row) => row.candidate_group === name).length >= MAX_ATTEMPT_EVENTS,
    ),
  );
  if (rows.length === 0) return [];
  // A refused DisableKey or ScheduleKeyDeletion is tampering only on a trail's key: the
  // trails' keys are read when there is such a call to judge.
  const keys = rows.some((row) => row.event_source === "kms.amazonaws.com")
    ? await getDb().$queryRaw<Array<{ kms_key_id: string }>>`
        SELECT kms_key_id FROM trails WHERE account_id = ${accountId} AND kms_key_id IS NOT NULL`
    : [];
  const events = rows.map(mapSecurityEventRow);
  const trails = keys.map(({ kms_key_id: kmsKeyId }) => ({
    name: "",
    homeRegion: "",
    isMultiRegion: false,
    isLogging: true,
    logFileValidation: false,
    kmsKeyId,
    cloudWatchLogsLogGroupArn: null,
  }));
  return findAttemptSignals(events, now, WINDOW_DAYS, trails).map((signal) =>
    SIGNAL_GROUPS[signal.kind].some((name) => capped.has(name)) ? { ...signal, atLeast: true } : signal,
  );
}
