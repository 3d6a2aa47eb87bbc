import { FINDING_SOURCES } from "@/lib/aws/sources";

import { assessSource } from "../assess-source";
import { compareText } from "../compare-text";
import { sourceReadRefs } from "../source-read-refs";
import type { AccountEvidence, ThreatFinding } from "../evidence";
import type { EvidenceRule } from "../types";
import { MAX_EVIDENCE_RECORDS, type RuleContext, type RuleOutcome } from "./rule-outcome";

type ThreatsRule = Extract<EvidenceRule, { kind: "active_threats" }>;

const SEVERITY_RANK: Record<ThreatFinding["severityLabel"], number> = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };
const DAY_MS = 86_400_000;

/**
 * Active threat findings fail the item while they are active: the loader only passes
 * findings that are not archived/resolved, so resolving the finding restores the item on
 * the next evaluation. Accepted findings (by id) drop out of the risk-adjusted view only.
 */
export function evaluateThreatsRule(rule: ThreatsRule, evidence: AccountEvidence, context: RuleContext): RuleOutcome {
  const sourceNames = rule.source === "any" ? FINDING_SOURCES : ([rule.source] as const);
  const assessments = sourceNames.map((name) => ({ name, assessment: assessSource(name, evidence.sources[name], evidence.regions) }));
  const usable = assessments.filter(({ assessment }) => assessment.regionsByState.ok.length > 0);
  const missingSources = assessments
    .flatMap(({ name, assessment }) => [
      ...assessment.regionsByState.disabled.map((region) => `${name}:${region} (disabled)`),
      ...assessment.missing,
    ])
    .sort();
  if (usable.length === 0) {
    return {
      status: "no_data",
      reason: `${sourceNames.join(" and ")} findings were not collected in any region (service off or collection failed), so threats cannot be seen.`,
      missingSources,
      evidence: [],
    };
  }

  let scannerNote = "";
  if (rule.scannerControlIds && rule.scannerControlIds.length > 0) {
    const scannerIds = new Set(rule.scannerControlIds);
    const scanner = evidence.controls.filter(
      (control) => scannerIds.has(control.controlId) && (control.status === "PASSED" || control.status === "FAILED"),
    );
    if (scanner.length === 0) {
      return {
        status: "no_data",
        reason: `Cannot tell whether vulnerability scanning is on: no results for ${rule.scannerControlIds.join(", ")}.`,
        missingSources: [...missingSources, ...rule.scannerControlIds.map((id) => `securityhub-control:${id}`)],
        evidence: [],
      };
    }
    // Any region/scan type reporting PASSED means a scanner is looking; all FAILED means nobody is.
    if (!scanner.some((control) => control.status === "PASSED")) {
      return {
        status: "fail",
        reason: `Vulnerability scanning is off (${rule.scannerControlIds.join(", ")} FAILED), so vulnerabilities go unseen.`,
        evidence: scanner.map((control) => ({
          kind: "control",
          id: control.findingId,
          note: `${control.controlId} ${control.status} in ${control.region}`,
        })),
        ...(missingSources.length > 0 ? { missingSources } : {}),
      };
    }
    scannerNote = " Scanner enabled.";
  }

  const cutoff = rule.olderThanDays === undefined ? null : evidence.now.getTime() - rule.olderThanDays * DAY_MS;
  const matching = evidence.threats
    .filter((threat) => rule.source === "any" || threat.source === rule.source)
    .filter((threat) => SEVERITY_RANK[threat.severityLabel] >= SEVERITY_RANK[rule.minSeverity])
    .filter((threat) => cutoff === null || threat.firstSeenAt.getTime() <= cutoff)
    .filter((threat) => !rule.typePrefixes || rule.typePrefixes.some((prefix) => threat.type.startsWith(prefix)))
    .filter(
      (threat) =>
        !rule.resourceTypePrefixes ||
        (threat.resourceType !== null && rule.resourceTypePrefixes.some((prefix) => threat.resourceType?.startsWith(prefix))),
    )
    .sort((a, b) => b.severity - a.severity || compareText(a.findingId, b.findingId) || compareText(a.source, b.source));

  const scope = `active ${rule.minSeverity}+ ${rule.source === "any" ? "" : `${rule.source} `}findings${rule.olderThanDays === undefined ? "" : ` older than ${rule.olderThanDays} days`}`;
  const regionNote = missingSources.length > 0 ? ` (${missingSources.length} source regions not collected)` : "";
  if (matching.length === 0) {
    // A pass is decided by absence, so the evidence is the regions whose findings were read.
    const read = usable
      .flatMap(({ name, assessment }) =>
        sourceReadRefs(name, assessment.regionsByState.ok, evidence.sources[name], "active findings read, none matching"),
      )
      .sort((a, b) => compareText(a.id, b.id));
    return {
      status: "pass",
      reason: `No ${scope}.${scannerNote}${regionNote}`,
      evidence: read,
      ...(missingSources.length > 0 ? { missingSources } : {}),
    };
  }
  const accepted = matching.filter((threat) => context.acceptedFindings.has(threat.findingId));
  const outcome: RuleOutcome = {
    status: "fail",
    reason: `${matching.length} ${scope}${regionNote}.`,
    evidence: matching.slice(0, MAX_EVIDENCE_RECORDS).map((threat) => ({
      kind: "finding",
      id: threat.findingId,
      note: `${threat.severityLabel} ${threat.type} in ${threat.region}, first seen ${threat.firstSeenAt.toISOString()}`,
    })),
  };
  if (missingSources.length > 0) outcome.missingSources = missingSources;
  if (accepted.length > 0) {
    outcome.acceptedFindings = accepted.map((threat) => {
      const acceptance = context.acceptedFindings.get(threat.findingId)!;
      return { findingId: threat.findingId, reason: acceptance.reason, owner: acceptance.owner, expiresAt: acceptance.expiresAt };
    });
    outcome.riskAdjusted = { status: accepted.length === matching.length ? "pass" : "fail" };
  }
  return outcome;
}
