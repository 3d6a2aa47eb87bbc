import { SECURITY_EVENT_NAMES, type SecurityEventName } from "./security-events";

const BY_KEY = new Map(SECURITY_EVENT_NAMES.map((entry) => [`${entry.eventSource} ${entry.eventName}`, entry]));

/**
 * The SECURITY_EVENT_NAMES entry an event matches, or null. Matched on source and name
 * together: GuardDuty and Security Hub both have DisassociateFromMasterAccount.
 */
export function classifySecurityEvent(event: { eventName: string; eventSource: string }): SecurityEventName | null {
  return BY_KEY.get(`${event.eventSource} ${event.eventName}`) ?? null;
}
