import type { NormalisedEvent } from "@/lib/aws/normalise/types";
import type { SecurityEvent } from "../evidence";

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/**
 * A normalised CloudTrail event as the checklist sees it: the same fields
 * load-account-evidence.ts reads from the stored record's JSON (errorMessage,
 * responseElements.ConsoleLogin, userIdentity.invokedBy, eventType, requestParameters).
 */
export function toSecurityEvent(event: NormalisedEvent): SecurityEvent {
  const raw = event.raw;
  return {
    eventId: event.eventId,
    eventName: event.eventName,
    eventSource: event.eventSource,
    eventTime: event.eventTime,
    region: event.region,
    userType: event.userType,
    userArn: event.userArn,
    errorCode: event.errorCode,
    errorMessage: text(field(raw, "errorMessage")),
    loginResult: text(field(field(raw, "responseElements"), "ConsoleLogin")),
    invokedBy: text(field(field(raw, "userIdentity"), "invokedBy")),
    eventType: text(field(raw, "eventType")),
    requestParameters: field(raw, "requestParameters") ?? null,
    mfaUsed: event.mfaUsed,
  };
}
