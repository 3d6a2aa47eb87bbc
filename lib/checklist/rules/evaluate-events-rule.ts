import { assessSource } from "../assess-source";
import { sourceReadRefs } from "../source-read-refs";
import { compareText } from "../compare-text";
import type { AccountEvidence } from "../evidence";
import type { RiskyEventPattern } from "../types";
import { classifyEventOutcome } from "../events/classify-event-outcome";
import { matchesRiskyEvent } from "../events/match-risky-event";
import { MAX_EVIDENCE_RECORDS, type RuleContext, type RuleOutcome } from "./rule-outcome";

const DAY_MS = 86_400_000;

const PATTERN_TEXT: Record<RiskyEventPattern, string> = {
  root_use: "root user activity",
  logging_tampering: "successful calls stopping, deleting or weakening a trail",
  detection_disabled: "successful calls disabling GuardDuty, Security Hub, Config or Access Analyzer",
  console_login_without_mfa: "successful console sign-ins without MFA by IAM users or root",
};

/**
 * Risky CloudTrail activity fails its item while it is inside the window, then ages out:
 * the item recovers by itself once the activity stops. Only what happened counts
 * (classifyEventOutcome = success): a denied StopLogging is an attempt, not a gap in the
 * logs, and a failed sign-in signed nobody in. Attempts are shown as signals on the account
 * page instead (findAttemptSignals), never as a failed item.
 *
 * Event history works with or without a trail, so CloudTrail regions "disabled" (no trail)
 * still count as collected here.
 */
export function evaluateEventsRule(
  pattern: RiskyEventPattern,
  windowDays: number,
  evidence: AccountEvidence,
  context: RuleContext,
): RuleOutcome {
  const cloudTrail = assessSource("cloudtrail", evidence.sources.cloudtrail, evidence.regions);
  const collected = cloudTrail.regionsByState.ok.length + cloudTrail.regionsByState.disabled.length;
  if (collected === 0) {
    return {
      status: "no_data",
      reason: "CloudTrail events were not collected in any region.",
      missingSources: cloudTrail.missing,
      evidence: [],
    };
  }
  const since = evidence.now.getTime() - windowDays * DAY_MS;
  const matching = evidence.events
    // No upper bound: an event stamped after `now` (clock skew) is still real activity.
    .filter((event) => event.eventTime.getTime() >= since && classifyEventOutcome(event) === "success")
    .filter((event) => matchesRiskyEvent(pattern, event, evidence.trails))
    .sort((a, b) => b.eventTime.getTime() - a.eventTime.getTime() || compareText(a.eventId, b.eventId));
  const regionNote = cloudTrail.missing.length > 0 ? ` (${cloudTrail.missing.length} regions not collected)` : "";
  const missing = cloudTrail.missing.length > 0 ? { missingSources: cloudTrail.missing } : {};
  if (matching.length === 0) {
    // A pass is decided by absence, so the evidence is the regions whose history was read.
    const read = [...cloudTrail.regionsByState.ok, ...cloudTrail.regionsByState.disabled].sort();
    return {
      status: "pass",
      reason: `No ${PATTERN_TEXT[pattern]} in the last ${windowDays} days${regionNote}.`,
      evidence: sourceReadRefs("cloudtrail", read, evidence.sources.cloudtrail, "event history read, no matching event"),
      ...missing,
    };
  }
  const accepted = matching.filter((event) => context.acceptedFindings.has(event.eventId));
  const outcome: RuleOutcome = {
    status: "fail",
    reason: `${matching.length} ${PATTERN_TEXT[pattern]} in the last ${windowDays} days, latest ${matching[0]!.eventTime.toISOString()}${regionNote}.`,
    evidence: matching.slice(0, MAX_EVIDENCE_RECORDS).map((event) => ({
      kind: "event",
      id: event.eventId,
      note: `${event.eventName} by ${event.userArn ?? event.userType ?? "unknown"} in ${event.region} at ${event.eventTime.toISOString()}`,
    })),
    ...missing,
  };
  if (accepted.length > 0) {
    outcome.acceptedFindings = accepted.map((event) => {
      const acceptance = context.acceptedFindings.get(event.eventId)!;
      return { findingId: event.eventId, reason: acceptance.reason, owner: acceptance.owner, expiresAt: acceptance.expiresAt };
    });
    outcome.riskAdjusted = { status: accepted.length === matching.length ? "pass" : "fail" };
  }
  return outcome;
}
