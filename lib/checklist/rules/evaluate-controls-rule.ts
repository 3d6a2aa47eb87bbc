import { assessSource } from "../assess-source";
import { compareText } from "../compare-text";
import type { AccountEvidence, ControlResult } from "../evidence";
import type { ChecklistItem, EvidenceRef } from "../types";
import { explainMissingControls } from "./explain-missing-controls";
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
 *
 * Records are judged by their state (the loader passes ACTIVE records only):
 * - One control on one resource in one region is one result, however many copies describe
 *   it: with consolidated control findings off, Security Hub writes one finding per enabled
 *   standard (CIS ProductFields.RuleId, PCI/FSBP ProductFields.ControlId), all mapped to the
 *   same consolidated id. The newest copy decides (an older one is a stale check).
 * - Workflow RESOLVED with FAILED: the team closed it; Security Hub reopens it (NEW) if the
 *   next check still fails, so until then it decides nothing (listed as evidence).
 * - Workflow SUPPRESSED with FAILED: the team accepted the risk in Security Hub. The raw
 *   score still counts the failure (the resource is as AWS found it); the risk-adjusted
 *   view counts it as passing, exactly like a risk accepted in Parapet, and says so.
 * With no decisive result at all, control enablement (DescribeStandardsControls) tells
 * "no resources in scope" (not_applicable) from "disabled" and "not evaluated yet" (no_data);
 * see explainMissingControls.
 */
export function evaluateControlsRule(item: ChecklistItem, evidence: AccountEvidence, context: RuleContext): RuleOutcome {
  const securityHub = assessSource("securityhub", evidence.sources.securityhub, evidence.regions);
  const disabled = securityHub.regionsByState.disabled.map((region) => `securityhub:${region} (disabled)`);
  const missingSources = [...disabled, ...securityHub.missing].sort();
  const wanted = new Set(item.controlIds);
  // Only regions collected successfully this run: results kept from a region that now errors are stale.
  const okRegions = new Set(securityHub.regionsByState.ok);
  const records = latestPerControlAndResource(
    evidence.controls.filter((control) => wanted.has(control.controlId) && okRegions.has(control.region)),
  );
  const isResolvedFailure = (control: ControlResult) => control.status === "FAILED" && control.workflowStatus === "RESOLVED";
  const decisive = records.filter((control) => (control.status === "PASSED" || control.status === "FAILED") && !isResolvedFailure(control));
  const indeterminate = records.filter(
    (control) => control.status === "WARNING" || control.status === "NOT_AVAILABLE" || isResolvedFailure(control),
  );

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
    const explained = indeterminate.length === 0 ? explainMissingControls(item.controlIds, evidence, [...okRegions].sort()) : null;
    if (explained)
      return {
        ...explained,
        ...(explained.status === "no_data"
          ? { missingSources: [...missingSources, ...(explained.missingSources ?? [])] }
          : missingSources.length > 0
            ? { missingSources }
            : {}),
      };
    return {
      status: "no_data",
      reason:
        indeterminate.length > 0
          ? `Security Hub could not evaluate ${controlList} (only WARNING/NOT_AVAILABLE results).`
          : `No Security Hub results for ${controlList}: the control is disabled, not in an enabled standard, or has no resources yet.`,
      missingSources: [...missingSources, ...item.controlIds.map((id) => `securityhub-control:${id}`)],
      evidence: sortControls(indeterminate).map(toEvidence),
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

  // Risk-adjusted: a failing resource whose every failed finding is accepted (in Parapet, or
  // suppressed by the team in Security Hub) counts as passing.
  const acceptedFindings: NonNullable<RuleOutcome["acceptedFindings"]> = [];
  let adjustedPassing = passing;
  let suppressedResources = 0;
  for (const verdict of failing) {
    const acceptances = verdict.failed.map((control) => context.acceptedFindings.get(control.findingId));
    const isSuppressed = verdict.failed.every((control) => control.workflowStatus === "SUPPRESSED");
    if (isSuppressed) suppressedResources += 1;
    if (isSuppressed || acceptances.every((acceptance) => acceptance !== undefined)) adjustedPassing += 1;
    verdict.failed.forEach((control, index) => {
      const acceptance = acceptances[index];
      if (acceptance) {
        acceptedFindings.push({
          findingId: control.findingId,
          reason: acceptance.reason,
          owner: acceptance.owner,
          expiresAt: acceptance.expiresAt,
        });
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
    evidenceRefs.push({
      kind: "source",
      id: "truncated",
      note: `${decidingRecords.length - MAX_EVIDENCE_RECORDS} more control results not listed`,
    });
  }
  const regionNote =
    (missingSources.length > 0 ? ` Regions without Security Hub data: ${missingSources.length}.` : "") +
    (suppressedResources > 0
      ? ` ${suppressedResources} failing suppressed in Security Hub (accepted by the team; passing in the risk-adjusted view).`
      : "");
  const outcome: RuleOutcome = {
    status,
    passing,
    total,
    reason: `${passing} of ${total} ${countByControl ? "checks" : "resources"} pass ${item.controlIds.join(", ")}.${regionNote}`,
    evidence: evidenceRefs,
  };
  if (missingSources.length > 0) outcome.missingSources = missingSources;
  if (acceptedFindings.length > 0) outcome.acceptedFindings = acceptedFindings;
  if (adjustedPassing !== passing) {
    outcome.riskAdjusted = { status: statusFromCounts(adjustedPassing, total), passing: adjustedPassing, total };
  }
  return outcome;
}

function statusFromCounts(passing: number, total: number): "pass" | "fail" | "partial" {
  if (passing === total) return "pass";
  return passing === 0 ? "fail" : "partial";
}

function toEvidence(control: ControlResult): EvidenceRef {
  const workflow =
    control.workflowStatus === "SUPPRESSED"
      ? " (suppressed in Security Hub: accepted by the team)"
      : control.workflowStatus === "RESOLVED"
        ? " (resolved, awaiting the next check)"
        : "";
  return {
    kind: "control",
    id: control.findingId,
    note: `${control.controlId} ${control.status}${workflow} ${control.resourceId ?? "(no resource id)"} in ${control.region}`,
  };
}

/**
 * One result per control, resource and region: the newest copy (UpdatedAt), FAILED first on
 * a tie, then the lowest finding id, so the choice never depends on record order.
 */
function latestPerControlAndResource(controls: ControlResult[]): ControlResult[] {
  const rank = (control: ControlResult) => (control.status === "FAILED" ? 0 : control.status === "PASSED" ? 1 : 2);
  const best = new Map<string, ControlResult>();
  for (const control of controls) {
    const key = `${control.controlId}|${control.region}|${control.resourceId ?? control.findingId}`;
    const current = best.get(key);
    if (!current) {
      best.set(key, control);
      continue;
    }
    const difference = (control.updatedAt?.getTime() ?? 0) - (current.updatedAt?.getTime() ?? 0);
    if (difference > 0 || (difference === 0 && (rank(control) - rank(current) || compareText(control.findingId, current.findingId)) < 0))
      best.set(key, control);
  }
  return [...best.values()];
}

function sortControls(controls: ControlResult[]): ControlResult[] {
  return [...controls].sort(
    (a, b) => compareText(a.controlId, b.controlId) || compareText(a.region, b.region) || compareText(a.findingId, b.findingId),
  );
}
