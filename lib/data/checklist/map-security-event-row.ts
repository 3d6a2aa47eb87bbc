import "server-only";
import type { SecurityEvent } from "@/lib/checklist/evidence";

/** A stored CloudTrail event with the fields the checklist's event rules read (SECURITY_EVENT_COLUMNS). */
export interface SecurityEventRow {
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
}

/**
 * The select list of a `cloudtrail_events` row aliased `e`, as the event rules need it. The
 * outcome and parameters live in the record itself; they are read from `raw` so events
 * stored before these fields mattered are judged the same way by the score, the account
 * page's attempt signals and the weekly report.
 */
export const SECURITY_EVENT_COLUMNS = `e.event_id, e.event_name, e.event_source, e.event_time, e.region, e.user_type, e.user_arn, e.error_code,
  e.mfa_used, e.raw->>'errorMessage' AS error_message, e.raw->'responseElements'->>'ConsoleLogin' AS login_result,
  e.raw->'userIdentity'->>'invokedBy' AS invoked_by, e.raw->>'eventType' AS event_type, e.raw->'requestParameters' AS request_parameters`;

/** A stored event row as the checklist's SecurityEvent. */
export function mapSecurityEventRow(row: SecurityEventRow): SecurityEvent {
  return {
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
    requestParameters: row.request_parameters ?? null,
    mfaUsed: row.mfa_used,
  };
}
