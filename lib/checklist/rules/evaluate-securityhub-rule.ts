import { assessSource } from "../assess-source";
import { sourceReadRefs } from "../source-read-refs";
import type { AccountEvidence } from "../evidence";
import type { EvidenceRef } from "../types";
import type { RuleOutcome } from "./rule-outcome";

/**
 * Security Hub per region. "enabled": subscribed in each known region. "standards": at
 * least one standard enabled in each region where the hub is on (regions with the hub off
 * are LOG-08's failure, not counted twice here).
 *
 * Fallback where the hub was not read (imported Security Hub findings): findings exported
 * from a region prove the hub was on there, and control findings prove a standard was
 * enabled (Security Hub writes control findings only for enabled standards).
 */
export function evaluateSecurityHubRule(evidence: AccountEvidence, requirement: "enabled" | "standards"): RuleOutcome {
  const securityHub = assessSource("securityhub", evidence.sources.securityhub, evidence.regions);
  const imported = new Set(
    evidence.sources.securityhub.filter((status) => status.state === "ok" && status.origin === "imported").map((status) => status.region),
  );
  const hubs = [
    ...evidence.hubs,
    ...[...imported]
      .filter((region) => !evidence.hubs.some((hub) => hub.region === region))
      .map((region) => ({
        region,
        enabled: true,
        standards: evidence.controls.some((control) => control.region === region) ? ["(from imported control findings)"] : [],
      })),
  ];
  const enabledRegions = securityHub.regionsByState.ok.filter((region) => hubs.some((hub) => hub.region === region && hub.enabled));
  const known =
    requirement === "enabled" ? [...securityHub.regionsByState.ok, ...securityHub.regionsByState.disabled].sort() : enabledRegions;
  if (known.length === 0) {
    if (requirement === "standards" && securityHub.regionsByState.disabled.length > 0) {
      return {
        status: "fail",
        reason: "Security Hub is not enabled in any collected region, so no standard is evaluated.",
        evidence: sourceReadRefs(
          "securityhub",
          securityHub.regionsByState.disabled,
          evidence.sources.securityhub,
          "Security Hub not enabled",
        ),
        ...(securityHub.missing.length > 0 ? { missingSources: securityHub.missing } : {}),
      };
    }
    return {
      status: "no_data",
      reason: "Security Hub was not collected in any region.",
      missingSources: securityHub.missing,
      evidence: [],
    };
  }
  const refs: EvidenceRef[] = [];
  const failingRegions: string[] = [];
  for (const region of known) {
    const hub = hubs.find((candidate) => candidate.region === region && candidate.enabled);
    const passes = requirement === "enabled" ? hub !== undefined : (hub?.standards.length ?? 0) > 0;
    if (!passes) failingRegions.push(region);
    refs.push(
      ...(hub
        ? [
            {
              kind: "hub" as const,
              id: `securityhub:${region}`,
              note: hub.standards.length > 0 ? hub.standards.join(", ") : "no standard enabled",
            },
          ]
        : sourceReadRefs("securityhub", [region], evidence.sources.securityhub, "Security Hub not enabled")),
    );
  }
  const total = known.length;
  const passing = total - failingRegions.length;
  const what = requirement === "enabled" ? "Security Hub is not enabled" : "No security standard is enabled";
  const outcome: RuleOutcome = {
    status: passing === total ? "pass" : passing === 0 ? "fail" : "partial",
    passing,
    total,
    reason:
      failingRegions.length === 0
        ? `Met in all ${total} regions.`
        : `${what} in ${failingRegions.join(", ")} (${passing} of ${total} regions pass).`,
    evidence: refs,
  };
  if (securityHub.missing.length > 0) outcome.missingSources = securityHub.missing;
  return outcome;
}
