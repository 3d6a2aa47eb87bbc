import { z } from "zod";

import { isAccountId } from "@/lib/aws/account-id";

import { describeValidationError } from "./describe-validation-error";
import { ZAwsTimestamp } from "./parse-aws-timestamp";
import type { NormalisedEvent, NormaliseResult } from "./types";

const ZOptionalText = z.string().nullish();

const ZCloudTrailRecord = z.object({
  eventID: z.string().min(1),
  eventName: z.string().min(1),
  eventSource: z.string().min(1),
  eventTime: ZAwsTimestamp,
  awsRegion: z.string().min(1),
  recipientAccountId: ZOptionalText,
  userIdentity: z.object({ type: ZOptionalText, arn: ZOptionalText, userName: ZOptionalText, accountId: ZOptionalText }).nullish(),
  sourceIPAddress: ZOptionalText,
  errorCode: ZOptionalText,
  // A boolean in log files; LookupEvents' own ReadOnly is the string "true"/"false".
  readOnly: z
    .union([
      z.boolean(),
      z
        .string()
        .transform((text) => text.toLowerCase())
        .pipe(z.enum(["true", "false"]))
        .transform((text) => text === "true"),
    ])
    .nullish(),
  additionalEventData: z.object({ MFAUsed: z.unknown() }).partial().nullish(),
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A LookupEvents `Event` carries the full record as a JSON string; that record is the one
 * normalised and kept as `raw`. Its own EventId/EventName/EventTime/EventSource only fill
 * gaps in the copy that is validated, never in `raw`.
 */
function unwrapLookupEvent(
  event: Record<string, unknown>,
): { ok: true; record: Record<string, unknown>; withFallbacks: Record<string, unknown> } | { ok: false; reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.CloudTrailEvent as string);
  } catch (error) {
    return { ok: false, reason: `CloudTrailEvent is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!isObject(parsed)) return { ok: false, reason: "CloudTrailEvent is not a JSON object" };
  const withFallbacks: Record<string, unknown> = {
    eventID: event.EventId,
    eventName: event.EventName,
    eventSource: event.EventSource,
    eventTime: event.EventTime,
  };
  for (const [key, value] of Object.entries(parsed)) {
    if (value !== undefined) withFallbacks[key] = value;
  }
  return { ok: true, record: parsed, withFallbacks };
}

/**
 * One CloudTrail record (log-file `Records[]` item, EventBridge `detail`, or a LookupEvents
 * `Event`) into Parapet's event model. The account is the one that received the event
 * (recipientAccountId); older records and some copies lack it, then the caller's account is
 * the best remaining evidence. mfaUsed is only meaningful for ConsoleLogin, null otherwise.
 */
export function normaliseCloudTrailEvent(record: unknown): NormaliseResult<NormalisedEvent> {
  if (!isObject(record)) return { ok: false, reason: "not a CloudTrail record: expected an object" };
  let source = record;
  let validated = record;
  if (typeof record.CloudTrailEvent === "string") {
    const unwrapped = unwrapLookupEvent(record);
    if (!unwrapped.ok) return unwrapped;
    source = unwrapped.record;
    validated = unwrapped.withFallbacks;
  }

  // Log pipelines (Logstash, OpenSearch / Elasticsearch exports) move the record's time to
  // `@timestamp` and sometimes drop `eventTime`; the same instant, so it fills the gap.
  if (validated.eventTime === undefined && validated["@timestamp"] !== undefined) {
    validated = { ...validated, eventTime: validated["@timestamp"] };
  }

  // Insights events share the log files but describe a rate anomaly, not an API call: their
  // eventName/eventSource sit inside insightDetails.
  if (validated.eventType === "AwsCloudTrailInsight") {
    return { ok: false, reason: "CloudTrail Insights event (AwsCloudTrailInsight), not an API call record" };
  }

  const parsed = ZCloudTrailRecord.safeParse(validated);
  if (!parsed.success) return { ok: false, reason: describeValidationError(parsed.error) };
  const event = parsed.data;

  const accountId = event.recipientAccountId ?? event.userIdentity?.accountId ?? null;
  if (!accountId) return { ok: false, reason: "missing recipientAccountId (and userIdentity.accountId)" };
  if (!isAccountId(accountId)) return { ok: false, reason: `recipientAccountId: expected a 12-digit account id, got "${accountId}"` };

  const isLogin = event.eventName === "ConsoleLogin";
  return {
    ok: true,
    value: {
      eventId: event.eventID,
      accountId,
      region: event.awsRegion,
      eventName: event.eventName,
      eventSource: event.eventSource,
      eventTime: event.eventTime,
      userType: event.userIdentity?.type ?? null,
      userArn: event.userIdentity?.arn ?? event.userIdentity?.userName ?? null,
      sourceIp: event.sourceIPAddress ?? null,
      errorCode: event.errorCode ?? null,
      mfaUsed: isLogin ? event.additionalEventData?.MFAUsed === "Yes" : null,
      readOnly: event.readOnly ?? null,
      raw: source,
    },
  };
}
