import { assessSource } from "../assess-source";
import { compareText } from "../compare-text";
import { sourceReadRefs } from "../source-read-refs";
import type { AccountEvidence, TrailInfo } from "../evidence";
import type { ChecklistItem, TrailRequirement } from "../types";
import { evaluateControlsRule } from "./evaluate-controls-rule";
import type { RuleContext, RuleOutcome } from "./rule-outcome";

const REQUIREMENT_TEXT: Record<Exclude<TrailRequirement, "multi_region_logging">, string> = {
  log_file_validation: "log file validation",
  kms_encryption: "KMS encryption",
  cloudwatch_logs: "CloudWatch Logs delivery",
};

/**
 * CloudTrail trail configuration. A multi-region trail is listed by every region, so
 * trails are deduplicated by home region + name. Only trails that are logging count:
 * a perfectly configured trail that is stopped records nothing.
 *
 * Fallback: trail state exists only where DescribeTrails was read (collected regions). When
 * it was read nowhere (an imported account, or a collected one whose CloudTrail reads all
 * failed) the item is decided by its mapped Security Hub controls (CloudTrail.1/.3, .4, .2,
 * .5), which check the same trail settings, and is no_data only if those are missing too.
 */
export function evaluateTrailsRule(
  requirement: TrailRequirement,
  evidence: AccountEvidence,
  item?: ChecklistItem,
  context?: RuleContext,
): RuleOutcome {
  const cloudTrail = assessSource("cloudtrail", evidence.sources.cloudtrail, evidence.regions);
  const byRegion = new Map(evidence.sources.cloudtrail.map((status) => [status.region, status]));
  const isCollected = (region: string) => (byRegion.get(region)?.origin ?? "collected") === "collected";
  const collected = [...cloudTrail.regionsByState.ok, ...cloudTrail.regionsByState.disabled].filter(isCollected).length;
  const missing = cloudTrail.missing.length > 0 ? { missingSources: cloudTrail.missing } : {};
  if (collected === 0) {
    if (item && item.controlIds.length > 0) {
      const fallback = evaluateControlsRule(item, evidence, context ?? { acceptedFindings: new Map() });
      if (fallback.status !== "no_data") {
        return { ...fallback, reason: `Trail settings were not read (DescribeTrails); decided by Security Hub: ${fallback.reason}` };
      }
      return {
        ...fallback,
        reason: `Trail settings were not read in any region, and Security Hub has no decisive ${item.controlIds.join("/")} result.`,
        missingSources: [...new Set([...cloudTrail.missing, ...(fallback.missingSources ?? [])])].sort(),
      };
    }
    return {
      status: "no_data",
      reason: "CloudTrail trails were not collected in any region.",
      missingSources: cloudTrail.missing,
      evidence: [],
    };
  }
  const unique = new Map<string, TrailInfo>();
  for (const trail of evidence.trails) unique.set(`${trail.homeRegion}:${trail.name}`, trail);
  const trails = [...unique.entries()].sort(([a], [b]) => compareText(a, b)).map(([, trail]) => trail);
  const logging = trails.filter((trail) => trail.isLogging);
  const describe = (trail: TrailInfo) =>
    `${trail.isMultiRegion ? "multi-region" : "single-region"}, ${trail.isLogging ? "logging" : "not logging"}, validation ${trail.logFileValidation ? "on" : "off"}, KMS ${trail.kmsKeyId ? "on" : "off"}, CloudWatch Logs ${trail.cloudWatchLogsLogGroupArn ? "on" : "off"}`;
  const allRefs = trails.map((trail) => ({ kind: "trail" as const, id: `${trail.homeRegion}:${trail.name}`, note: describe(trail) }));
  // "No trail exists" is decided by an empty DescribeTrails: cite the regions read and when.
  const readRegions = [...cloudTrail.regionsByState.ok, ...cloudTrail.regionsByState.disabled].filter(isCollected);
  const absenceRefs = sourceReadRefs("cloudtrail", readRegions, evidence.sources.cloudtrail, "DescribeTrails returned no trail");

  if (requirement === "multi_region_logging") {
    const good = logging.filter((trail) => trail.isMultiRegion);
    return good.length > 0
      ? {
          status: "pass",
          reason: `Multi-region trail ${good.map((trail) => trail.name).join(", ")} is logging.`,
          evidence: allRefs,
          ...missing,
        }
      : {
          status: "fail",
          reason: trails.length === 0 ? "No CloudTrail trail exists." : "No multi-region trail is logging.",
          evidence: trails.length === 0 ? absenceRefs : allRefs,
          ...missing,
        };
  }
  if (logging.length === 0) {
    return {
      status: "fail",
      reason: trails.length === 0 ? "No CloudTrail trail exists." : "No trail is logging.",
      evidence: trails.length === 0 ? absenceRefs : allRefs,
      ...missing,
    };
  }
  const meets = (trail: TrailInfo): boolean =>
    requirement === "log_file_validation"
      ? trail.logFileValidation
      : requirement === "kms_encryption"
        ? trail.kmsKeyId !== null && trail.kmsKeyId !== ""
        : trail.cloudWatchLogsLogGroupArn !== null && trail.cloudWatchLogsLogGroupArn !== "";
  const passing = logging.filter(meets).length;
  const total = logging.length;
  return {
    status: passing === total ? "pass" : passing === 0 ? "fail" : "partial",
    passing,
    total,
    reason: `${passing} of ${total} logging trails have ${REQUIREMENT_TEXT[requirement]}.`,
    evidence: logging.map((trail) => ({ kind: "trail" as const, id: `${trail.homeRegion}:${trail.name}`, note: describe(trail) })),
    ...missing,
  };
}
