import { assessSource } from "../assess-source";
import { sourceReadRefs } from "../source-read-refs";
import type { AccountEvidence } from "../evidence";
import type { EvidenceRef } from "../types";
import type { RuleOutcome } from "./rule-outcome";

/**
 * GuardDuty coverage per region. With `features` empty it judges "detector ENABLED"; with
 * features it judges "detector ENABLED and every listed protection plan ENABLED". A region
 * where GuardDuty is known to be off fails (the customer chose it); a region that could not
 * be collected is missing, never passing. Result: passing regions out of known regions.
 *
 * Fallback where the detector was not read (imported accounts, failed reads): GuardDuty's
 * own findings from the region prove a detector was on there (plain enablement only; they
 * say nothing about protection plans); otherwise the mapped Security Hub control
 * (GuardDuty.1 for enablement, GuardDuty.9/.10 for plans) decides the region when Security
 * Hub reported it. A region with neither stays missing.
 */
export function evaluateGuardDutyRule(
  evidence: AccountEvidence,
  features: readonly string[],
  fallbackControlIds: readonly string[] = [],
): RuleOutcome {
  const guardDuty = assessSource("guardduty", evidence.sources.guardduty, evidence.regions);
  const byRegion = new Map(evidence.sources.guardduty.map((status) => [status.region, status]));
  const isCollected = (region: string) => (byRegion.get(region)?.origin ?? "collected") === "collected";
  const read = [...guardDuty.regionsByState.ok, ...guardDuty.regionsByState.disabled].filter(isCollected).sort();
  const securityHubOk = new Set(assessSource("securityhub", evidence.sources.securityhub, evidence.regions).regionsByState.ok);
  const refs: EvidenceRef[] = [];
  let passing = 0;
  const failingRegions: string[] = [];
  const stillMissing: string[] = [];
  const decided: string[] = [];

  for (const region of [...evidence.regions].sort()) {
    if (read.includes(region)) {
      decided.push(region);
      const detector = evidence.detectors.find((candidate) => candidate.region === region && candidate.status === "ENABLED");
      if (!detector) {
        failingRegions.push(region);
        refs.push(...sourceReadRefs("guardduty", [region], evidence.sources.guardduty, "no enabled detector"));
        continue;
      }
      const missingFeatures = features.filter((feature) => detector.features[feature] !== "ENABLED");
      if (missingFeatures.length > 0) {
        failingRegions.push(region);
        refs.push({ kind: "detector", id: detector.detectorId, note: `${region}: ${missingFeatures.join(", ")} not enabled` });
        continue;
      }
      passing += 1;
      refs.push({
        kind: "detector",
        id: detector.detectorId,
        note: `${region}: enabled${features.length > 0 ? ` with ${features.join(", ")}` : ""}`,
      });
      continue;
    }
    const status = byRegion.get(region);
    if (features.length === 0 && status?.state === "ok" && status.origin === "imported") {
      decided.push(region);
      passing += 1;
      refs.push({ kind: "source", id: `guardduty:${region}`, note: `GuardDuty findings imported from ${region}: a detector was on` });
      continue;
    }
    const controls = securityHubOk.has(region)
      ? evidence.controls.filter(
          (control) =>
            control.region === region &&
            fallbackControlIds.includes(control.controlId) &&
            (control.status === "PASSED" || control.status === "FAILED"),
        )
      : [];
    if (controls.length > 0) {
      decided.push(region);
      const failed = controls.filter((control) => control.status === "FAILED");
      if (failed.length > 0) failingRegions.push(region);
      else passing += 1;
      for (const control of failed.length > 0 ? failed : controls) {
        refs.push({
          kind: "control",
          id: control.findingId,
          note: `${control.controlId} ${control.status} in ${region} (detector not read; Security Hub decides)`,
        });
      }
      continue;
    }
    if (guardDuty.missing.some((entry) => entry.startsWith(`guardduty:${region} `)))
      stillMissing.push(...guardDuty.missing.filter((entry) => entry.startsWith(`guardduty:${region} `)));
    else stillMissing.push(`guardduty:${region} (detector not read)`);
  }

  if (decided.length === 0) {
    return {
      status: "no_data",
      reason: "GuardDuty was not collected in any region, and no GuardDuty finding or Security Hub result shows its state.",
      missingSources: stillMissing,
      evidence: [],
    };
  }
  const total = decided.length;
  const what = features.length > 0 ? `GuardDuty with ${features.join(", ")}` : "GuardDuty";
  const outcome: RuleOutcome = {
    status: passing === total ? "pass" : passing === 0 ? "fail" : "partial",
    passing,
    total,
    reason:
      failingRegions.length === 0
        ? `${what} is enabled in all ${total} regions with evidence.`
        : `${what} is not enabled in ${failingRegions.join(", ")} (${passing} of ${total} regions).`,
    evidence: refs,
  };
  if (stillMissing.length > 0) outcome.missingSources = stillMissing;
  return outcome;
}
