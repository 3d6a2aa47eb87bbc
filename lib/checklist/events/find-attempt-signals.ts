import { compareText } from "../compare-text";
import type { SecurityEvent, TrailInfo } from "../evidence";
import { classifyEventOutcome } from "./classify-event-outcome";
import { isRootUse, matchesRiskyEvent, TAMPERING_EVENT_SOURCES } from "./match-risky-event";

export type AttemptSignalKind =
  "failed_root_sign_in" | "failed_console_sign_in" | "denied_root_call" | "denied_logging_tampering" | "denied_detection_disabling";

export interface AttemptSignal {
  kind: AttemptSignalKind;
  title: string;
  /** Why an analyst should look, although no checklist item fails because of it. */
  why: string;
  count: number;
  latest: Date;
  /** Newest first, at most MAX_SIGNAL_EVENTS. */
  eventIds: string[];
  /** Distinct callers (ARN, else identity type), sorted. */
  actors: string[];
  /**
   * The events read were capped (find-account-attempt-signals reads at most a set number of
   * the newest candidates): `count` is a lower bound, and the page says so.
   */
  atLeast?: boolean;
}

const DAY_MS = 86_400_000;
const MAX_SIGNAL_EVENTS = 20;

const SIGNALS: ReadonlyArray<{
  kind: AttemptSignalKind;
  title: string;
  why: string;
  matches: (event: SecurityEvent, trails: readonly TrailInfo[]) => boolean;
}> = [
  {
    kind: "failed_root_sign_in",
    title: "Failed root sign-ins",
    why: "Someone tried the root password. Nobody signed in, so IAM-03 still passes; repeated attempts mean the root email and password are targeted.",
    matches: (event) => event.eventName === "ConsoleLogin" && event.userType === "Root",
  },
  {
    kind: "failed_console_sign_in",
    title: "Failed IAM user sign-ins",
    why: "Wrong passwords or MFA codes. Nobody signed in, so IAM-05 is not affected; many failures across users look like password spraying.",
    matches: (event) => event.eventName === "ConsoleLogin" && event.userType === "IAMUser",
  },
  {
    kind: "denied_root_call",
    title: "Failed or refused calls made as root",
    why: "The root identity tried an action AWS refused (an SCP or a missing permission). The call did nothing, so IAM-03 still passes; the root credentials are in someone's hands.",
    matches: (event) => event.eventName !== "ConsoleLogin" && isRootUse(event),
  },
  {
    kind: "denied_logging_tampering",
    title: "Refused attempts to stop or weaken CloudTrail",
    why: "The trail kept logging, so LOG-13 still passes; someone tried to hide their tracks and should be asked why.",
    matches: (event, trails) => matchesRiskyEvent("logging_tampering", event, trails),
  },
  {
    kind: "denied_detection_disabling",
    title: "Refused attempts to disable threat detection",
    why: "GuardDuty, Security Hub, Config or Access Analyzer stayed on, so LOG-14 still passes; the attempt itself is a classic first move of an intruder.",
    matches: (event, trails) => matchesRiskyEvent("detection_disabled", event, trails),
  },
];

/**
 * Whether an event can match any signal, judged on the columns a query can filter on: a
 * sign-in, a root identity, or a call to a service whose tampering the signals judge. Every
 * signal's `matches` implies it (a property test in event-patterns.test.ts checks this), so
 * reading only these events loses no signal.
 */
export function isAttemptCandidate(event: Pick<SecurityEvent, "eventName" | "userType" | "eventSource">): boolean {
  return event.eventName === "ConsoleLogin" || event.userType === "Root" || TAMPERING_EVENT_SOURCES.includes(event.eventSource);
}

/**
 * Failed and denied attempts at the acts the checklist's event items judge. They never fail
 * an item (an attempt is not the act) but an analyst should see them: one signal per kind
 * with at least one attempt in the window, in fixed order. Pure and order-independent.
 */
export function findAttemptSignals(
  events: readonly SecurityEvent[],
  now: Date,
  windowDays: number,
  trails: readonly TrailInfo[] = [],
): AttemptSignal[] {
  const since = now.getTime() - windowDays * DAY_MS;
  const attempts = events.filter((event) => event.eventTime.getTime() >= since && classifyEventOutcome(event) !== "success");
  const signals: AttemptSignal[] = [];
  for (const signal of SIGNALS) {
    const matching = attempts
      .filter((event) => signal.matches(event, trails))
      .sort((a, b) => b.eventTime.getTime() - a.eventTime.getTime() || compareText(a.eventId, b.eventId));
    if (matching.length === 0) continue;
    signals.push({
      kind: signal.kind,
      title: signal.title,
      why: signal.why,
      count: matching.length,
      latest: matching[0]!.eventTime,
      eventIds: matching.slice(0, MAX_SIGNAL_EVENTS).map((event) => event.eventId),
      actors: [...new Set(matching.map((event) => event.userArn ?? event.userType ?? "unknown"))].sort(compareText),
    });
  }
  return signals;
}
