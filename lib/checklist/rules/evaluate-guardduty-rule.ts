import { assessSource } from "../assess-source";
import type { AccountEvidence } from "../evidence";
import type { EvidenceRef } from "../types";
import type { RuleOutcome } from "./rule-outcome";

/**
 * GuardDuty coverage per region. With `features` empty it judges "detector ENABLED"; with
 * features it judges "detector ENABLED and every listed protection plan ENABLED". A region
 * where GuardDuty is known to be off fails (the customer chose it); a region that could not
 * be collected is missing, never passing. Result: passing regions out of known regions.
 */
export function evaluateGuardDutyRule(evidence: AccountEvidence, features: readonly string[]): RuleOutcome {
  const guardDuty = assessSource("guardduty", evidence.sources.guardduty, evidence.regions);
  const known = [...guardDuty.regionsByState.ok, ...guardDuty.regionsByState.disabled].sort();
  if (known.length === 0) {
    return { status: "no_data", reason: "GuardDuty was not collected in any region.", missingSources: guardDuty.missing, evidence: [] };
  }
  const refs: EvidenceRef[] = [];
  let passing = 0;
  const failingRegions: string[] = [];
  for (const region of known) {
    const detector = evidence.detectors.find((candidate) => candidate.region === region && candidate.status === "ENABLED");
    if (!detector) {
      failingRegions.push(region);
      refs.push({ kind: "source", id: `guardduty:${region}`, note: "no enabled detector" });
      continue;
    }
    const missingFeatures = features.filter((feature) => detector.features[feature] !== "ENABLED");
    if (missingFeatures.length > 0) {
      failingRegions.push(region);
      refs.push({ kind: "detector", id: detector.detectorId, note: `${region}: ${missingFeatures.join(", ")} not enabled` });
      continue;
    }
    passing += 1;
    refs.push({ kind: "detector", id: detector.detectorId, note: `${region}: enabled${features.length > 0 ? ` with ${features.join(", ")}` : ""}` });
  }
  const total = known.length;
  const what = features.length > 0 ? `GuardDuty with ${features.join(", ")}` : "GuardDuty";
  const outcome: RuleOutcome = {
    status: passing === total ? "pass" : passing === 0 ? "fail" : "partial",
    passing,
    total,
    reason:
      failingRegions.length === 0
        ? `${what} is enabled in all ${total} collected regions.`
        : `${what} is not enabled in ${failingRegions.join(", ")} (${passing} of ${total} regions).`,
    evidence: refs,
  };
  if (guardDuty.missing.length > 0) outcome.missingSources = guardDuty.missing;
  return outcome;
}
