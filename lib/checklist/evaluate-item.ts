import { assessSource } from "./assess-source";
import type { AccountEvidence, RiskAcceptance } from "./evidence";
import { isServiceUsed } from "./is-service-used";
import { evaluateControlsRule } from "./rules/evaluate-controls-rule";
import { evaluateEventsRule } from "./rules/evaluate-events-rule";
import { evaluateGuardDutyRule } from "./rules/evaluate-guardduty-rule";
import { evaluateSecurityHubRule } from "./rules/evaluate-securityhub-rule";
import { evaluateThreatsRule } from "./rules/evaluate-threats-rule";
import { evaluateTrailsRule } from "./rules/evaluate-trails-rule";
import type { RuleContext, RuleOutcome } from "./rules/rule-outcome";
import { type ChecklistItem, type ItemResult, SEVERITY_WEIGHT } from "./types";

/**
 * One checklist item against one account's evidence. Pure and deterministic (time comes
 * from evidence.now).
 *
 * Order of judgement:
 * 1. Applicability: an item tied to services applies only if one of them is seen in use
 *    (or its own controls report on a real, non-account resource).
 *    "Not seen" is trusted (not_applicable) only when Security Hub was collected in every
 *    region; otherwise the item is no_data, because usage could be hiding in the gap.
 * 2. The item's evidence rule (rules/*) gives the raw status and the deciding records.
 * 3. Accepted risks: an unexpired account-wide acceptance turns a fail/partial into pass in
 *    the risk-adjusted view only; accepted findings/events do the same per record. The raw
 *    status never changes, and an acceptance cannot create data (no_data stays no_data).
 */
export function evaluateItem(item: ChecklistItem, evidence: AccountEvidence): ItemResult {
  const base = { itemId: item.id, domain: item.domain, severity: item.severity, weight: SEVERITY_WEIGHT[item.severity] };
  const now = evidence.now.getTime();
  const active = evidence.acceptances.filter((acceptance) => acceptance.itemId === item.id && acceptance.expiresAt.getTime() > now);

  if (
    item.appliesWhen.kind === "uses_service" &&
    !isServiceUsed(evidence, item.appliesWhen.services) &&
    !hasOwnResourceResults(item, evidence)
  ) {
    const securityHub = assessSource("securityhub", evidence.sources.securityhub, evidence.regions);
    const services = item.appliesWhen.services.join(", ");
    const everyRegionCollected = securityHub.regionsByState.ok.length === evidence.regions.length && evidence.regions.length > 0;
    if (everyRegionCollected) {
      const reason = `Not used: no ${services} resources in Security Hub results or findings in any region.`;
      return { ...base, status: "not_applicable", reason, evidence: [], riskAdjusted: { status: "not_applicable" } };
    }
    const missingSources = [
      ...securityHub.regionsByState.disabled.map((region) => `securityhub:${region} (disabled)`),
      ...securityHub.missing,
    ].sort();
    const reason = `Cannot tell whether ${services} is used: Security Hub data is missing in ${missingSources.length} region(s).`;
    return { ...base, status: "no_data", reason, missingSources, evidence: [], riskAdjusted: { status: "no_data" } };
  }

  const context: RuleContext = { acceptedFindings: latestByFinding(active) };
  const outcome = evaluateRule(item, evidence, context);
  const result: ItemResult = {
    ...base,
    status: outcome.status,
    reason: outcome.reason,
    evidence: outcome.evidence,
    riskAdjusted: outcome.riskAdjusted ?? pickCounts(outcome),
  };
  if (outcome.passing !== undefined) result.passing = outcome.passing;
  if (outcome.total !== undefined) result.total = outcome.total;
  if (outcome.missingSources && outcome.missingSources.length > 0) result.missingSources = outcome.missingSources;
  if (outcome.acceptedFindings && outcome.acceptedFindings.length > 0) result.acceptedFindings = outcome.acceptedFindings;

  const itemWide = latest(active.filter((acceptance) => acceptance.findingId === null));
  if (itemWide) {
    result.accepted = { reason: itemWide.reason, owner: itemWide.owner, expiresAt: itemWide.expiresAt };
    result.evidence = [
      ...result.evidence,
      {
        kind: "acceptance",
        id: item.id,
        note: `accepted by ${itemWide.owner} until ${itemWide.expiresAt.toISOString()}: ${itemWide.reason}`,
      },
    ];
    if (result.riskAdjusted.status === "fail" || result.riskAdjusted.status === "partial") {
      result.riskAdjusted =
        result.total === undefined ? { status: "pass" } : { status: "pass", passing: result.total, total: result.total };
    }
  }
  return result;
}

function evaluateRule(item: ChecklistItem, evidence: AccountEvidence, context: RuleContext): RuleOutcome {
  const rule = item.evidence;
  switch (rule.kind) {
    case "controls":
      return evaluateControlsRule(item, evidence, context);
    case "guardduty_enabled":
      return evaluateGuardDutyRule(evidence, [], item.controlIds);
    case "guardduty_feature":
      return evaluateGuardDutyRule(evidence, rule.features, item.controlIds);
    case "securityhub_enabled":
      return evaluateSecurityHubRule(evidence, "enabled");
    case "securityhub_standards":
      return evaluateSecurityHubRule(evidence, "standards");
    case "active_threats":
      return evaluateThreatsRule(rule, evidence, context);
    case "risky_events":
      return evaluateEventsRule(rule.pattern, rule.windowDays, evidence, context);
    case "trails":
      return evaluateTrailsRule(rule.requirement, evidence, item, context);
  }
}

/**
 * Results for the item's own controls on a real resource prove the duty applies even when
 * the resource type is not in the usage signatures. Account-level results (AwsAccount) do
 * not: an account setting exists whether or not the service holds anything.
 */
function hasOwnResourceResults(item: ChecklistItem, evidence: AccountEvidence): boolean {
  if (item.controlIds.length === 0) return false;
  const own = new Set(item.controlIds);
  return evidence.controls.some(
    (control) => own.has(control.controlId) && control.resourceType !== null && !control.resourceType.startsWith("AwsAccount"),
  );
}

function pickCounts(outcome: RuleOutcome): ItemResult["riskAdjusted"] {
  const adjusted: ItemResult["riskAdjusted"] = { status: outcome.status };
  if (outcome.passing !== undefined) adjusted.passing = outcome.passing;
  if (outcome.total !== undefined) adjusted.total = outcome.total;
  return adjusted;
}

/** When several acceptances overlap, the one lasting longest is shown (deterministic). */
function latest(acceptances: RiskAcceptance[]): RiskAcceptance | undefined {
  return [...acceptances].sort(
    (a, b) => b.expiresAt.getTime() - a.expiresAt.getTime() || (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0),
  )[0];
}

function latestByFinding(acceptances: RiskAcceptance[]): Map<string, RiskAcceptance> {
  const byFinding = new Map<string, RiskAcceptance>();
  for (const acceptance of acceptances) {
    if (acceptance.findingId === null) continue;
    const current = byFinding.get(acceptance.findingId);
    if (!current || acceptance.expiresAt.getTime() > current.expiresAt.getTime()) byFinding.set(acceptance.findingId, acceptance);
  }
  return byFinding;
}
