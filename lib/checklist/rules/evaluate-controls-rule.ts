import { assessSource } from "../assess-source";
import { compareText } from "../compare-text";
import type { AccountEvidence, ControlResult } from "../evidence";
import type { ChecklistItem, EvidenceRef } from "../types";
import { MAX_EVIDENCE_RECORDS, type RuleContext, type RuleOutcome } from "./rule-outcome";

interface ResourceVerdict {
  key: string;
  failed: ControlResult[];
  passed: ControlResult[];
}

/**
 * Security Hub control results -> pass / partial / fail over distinct resources.
 *
 * A resource is the ASFF resource id (the finding id when absent). The same resource shows
 * up once per region for global controls (IAM.*) and once per control when an item maps
 * several controls, so results are deduplicated per resource and the worst one wins: a
 * security group passing EC2.13 but failing EC2.19 is failing. WARNING and NOT_AVAILABLE
 * mean Security Hub could not judge, so they decide nothing (listed as evidence only).
 * Regions where Security Hub is off or failed are listed in missingSources; the item is
 * judged on the regions that were collected, and is no_data only when none was.
 */
export function evaluateControlsRule(item: ChecklistItem, evidence: AccountEvidence, context: RuleContext): RuleOutcome {
  const securityHub = assessSource("securityhub", evidence.sources.securityhub, evidence.regions);
  const disabled = securityHub.regionsByState.disabled.map((region) => `securityhub:${region} (disabled)`);
  const missingSources = [...disabled, ...securityHub.missing].sort();
  const wanted = new Set(item.controlIds);
  // Only regions collected successfully this run: results kept from a region that now errors are stale.
  const okRegions = new Set(securityHub.regionsByState.ok);
  const records = evidence.controls.filter((control) => wanted.has(control.controlId) && okRegions.has(control.region));
  const decisive = records.filter((control) => control.status === "PASSED" || control.status === "FAILED");
  const indeterminate = records.filter((control) => control.status === "WARNING" || control.status === "NOT_AVAILABLE");

  if (okRegions.size === 0) {
    return {
      status: "no_data",
      reason: "Security Hub is not enabled or not collected in any region, so no control results exist.",
      missingSources,
      evidence: [],
    };
  }
  if (decisive.length === 0) {
    const controlList = item.controlIds.join(", ");
    return {
      status: "no_data",
      reason:
        indeterminate.length > 0
          ? `Security Hub could not evaluate ${controlList} (only WARNING/NOT_AVAILABLE results).`
          : `No Security Hub results for ${controlList}: the control is disabled, not in an enabled standard, or has no resources yet.`,
      missingSources: [...missingSources, ...item.controlIds.map((id) => `securityhub-control:${id}`)],
      evidence: indeterminate.map(toEvidence),
    };
  }

  const countByControl = item.evidence.kind === "controls" && item.evidence.countBy === "control_and_resource";
  const verdicts = new Map<string, ResourceVerdict>();
  for (const control of decisive) {
    const resource = control.resourceId ?? control.findingId;
    const key = countByControl ? `${control.controlId} ${resource}` : resource;
    const verdict = verdicts.get(key) ?? { key, failed: [], passed: [] };
    (control.status === "FAILED" ? verdict.failed : verdict.passed).push(control);
    verdicts.set(key, verdict);
  }
  const all = [...verdicts.values()].sort((a, b) => compareText(a.key, b.key));
  const failing = all.filter((verdict) => verdict.failed.length > 0);
  const total = all.length;
  const passing = total - failing.length;

  // Risk-adjusted: a failing resource whose every failed finding is accepted counts as passing.
  const acceptedFindings: NonNullable<RuleOutcome["acceptedFindings"]> = [];
  let adjustedPassing = passing;
  for (const verdict of failing) {
    const acceptances = verdict.failed.map((control) => context.acceptedFindings.get(control.findingId));
    if (acceptances.every((acceptance) => acceptance !== undefined)) adjustedPassing += 1;
    verdict.failed.forEach((control, index) => {
      const acceptance = acceptances[index];
      if (acceptance) {
        acceptedFindings.push({ findingId: control.findingId, reason: acceptance.reason, owner: acceptance.owner, expiresAt: acceptance.expiresAt });
      }
    });
  }

  const status = statusFromCounts(passing, total);
  const decidingRecords = [
    ...failing.flatMap((verdict) => sortControls(verdict.failed)),
    ...all.filter((verdict) => verdict.failed.length === 0).flatMap((verdict) => sortControls(verdict.passed)),
    ...sortControls(indeterminate),
  ];
  const evidenceRefs: EvidenceRef[] = decidingRecords.slice(0, MAX_EVIDENCE_RECORDS).map(toEvidence);
  if (decidingRecords.length > MAX_EVIDENCE_RECORDS) {
    evidenceRefs.push({ kind: "source", id: "truncated", note: `${decidingRecords.length - MAX_EVIDENCE_RECORDS} more control results not listed` });
  }
  const regionNote = missingSources.length > 0 ? ` Regions without Security Hub data: ${missingSources.length}.` : "";
  const outcome: RuleOutcome = {
    status,
    passing,
    total,
    reason: `${passing} of ${total} ${countByControl ? "checks" : "resources"} pass ${item.controlIds.join(", ")}.${regionNote}`,
    evidence: evidenceRefs,
  };
  if (missingSources.length > 0) outcome.missingSources = missingSources;
  if (acceptedFindings.length > 0) {
    outcome.acceptedFindings = acceptedFindings;
    outcome.riskAdjusted = { status: statusFromCounts(adjustedPassing, total), passing: adjustedPassing, total };
  }
  return outcome;
}

function statusFromCounts(passing: number, total: number): "pass" | "fail" | "partial" {
  if (passing === total) return "pass";
  return passing === 0 ? "fail" : "partial";
}

function toEvidence(control: ControlResult): EvidenceRef {
  return {
    kind: "control",
    id: control.findingId,
    note: `${control.controlId} ${control.status} ${control.resourceId ?? "(no resource id)"} in ${control.region}`,
  };
}

function sortControls(controls: ControlResult[]): ControlResult[] {
  return [...controls].sort(
    (a, b) => compareText(a.controlId, b.controlId) || compareText(a.region, b.region) || compareText(a.findingId, b.findingId),
  );
}
