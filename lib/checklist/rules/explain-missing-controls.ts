import type { AccountEvidence, ControlEnablement } from "../evidence";
import type { RuleOutcome } from "./rule-outcome";

const DAY_MS = 86_400_000;

type ControlState =
  | { kind: "no_resources" }
  | { kind: "disabled"; where: string[] }
  | { kind: "not_evaluated_yet"; since: Date }
  | { kind: "not_in_standard"; regions: string[] };

/**
 * The enablement rule, for controls with no decisive finding in any collected region:
 * - enabled (in at least one enabled standard) for more than a day in every region, and
 *   still no finding: Security Hub found no resource in scope -> not_applicable;
 * - disabled in every enabled standard of a region -> no_data, naming the standard and who
 *   can enable it (a disabled control is "switched off", never "no resources");
 * - enabled less than a day ago -> no_data, "not evaluated yet" (checks run within 12-24 h);
 * - in no enabled standard of a region -> no_data.
 * The item is not_applicable only when every one of its controls has no resources in scope.
 * Returns null when no enablement was collected for any of the controls (imports, old data):
 * then nothing can be told apart and the caller says so.
 */
export function explainMissingControls(
  controlIds: readonly string[],
  evidence: AccountEvidence,
  okRegions: readonly string[],
): RuleOutcome | null {
  const enablement = evidence.controlEnablement ?? [];
  const wanted = new Set(controlIds);
  const relevant = enablement.filter((entry) => wanted.has(entry.controlId) && okRegions.includes(entry.region));
  // Enablement read in the regions (for any control) lets "in no enabled standard" be told too.
  const isKnown = okRegions.length > 0 && okRegions.every((region) => enablement.some((entry) => entry.region === region));
  if (!isKnown && relevant.length === 0) return null;
  const settled = evidence.now.getTime() - DAY_MS;

  const states = controlIds.map((controlId): [string, ControlState] => {
    const disabledWhere: string[] = [];
    const missingRegions: string[] = [];
    let newest: Date | null = null;
    for (const region of okRegions) {
      const entries = relevant.filter((entry) => entry.controlId === controlId && entry.region === region);
      const enabled = entries.filter((entry) => entry.status === "ENABLED");
      if (entries.length === 0) {
        missingRegions.push(region);
        continue;
      }
      if (enabled.length === 0) {
        disabledWhere.push(...entries.map((entry) => describeDisabled(entry)));
        continue;
      }
      // Settled when any enabling standard has had the control on for over a day.
      const isSettled = enabled.some((entry) => entry.statusSince === null || entry.statusSince.getTime() <= settled);
      if (!isSettled) {
        const since = enabled.reduce((min, entry) => (entry.statusSince! < min ? entry.statusSince! : min), enabled[0]!.statusSince!);
        if (newest === null || since > newest) newest = since;
      }
    }
    if (disabledWhere.length > 0) return [controlId, { kind: "disabled", where: disabledWhere.sort() }];
    if (missingRegions.length > 0) return [controlId, { kind: "not_in_standard", regions: missingRegions }];
    if (newest !== null) return [controlId, { kind: "not_evaluated_yet", since: newest }];
    return [controlId, { kind: "no_resources" }];
  });

  if (states.every(([, state]) => state.kind === "no_resources")) {
    return {
      status: "not_applicable",
      reason: `No resources in scope: ${controlIds.join(", ")} enabled for more than a day in every collected region, and Security Hub reported no resource for them.`,
      evidence: okRegions.map((region) => ({
        kind: "source" as const,
        id: `securityhub:${region}`,
        note: `${controlIds.join(", ")} enabled, no finding`,
      })),
    };
  }
  const parts: string[] = [];
  const missingSources: string[] = [];
  for (const [controlId, state] of states) {
    switch (state.kind) {
      case "disabled":
        parts.push(`${controlId} is disabled in ${state.where.join("; ")}`);
        missingSources.push(`securityhub-control:${controlId} (disabled)`);
        break;
      case "not_evaluated_yet":
        parts.push(`${controlId} not evaluated yet (enabled ${state.since.toISOString()}; Security Hub checks within a day)`);
        missingSources.push(`securityhub-control:${controlId} (not evaluated yet)`);
        break;
      case "not_in_standard":
        parts.push(`${controlId} is in none of the enabled standards in ${state.regions.join(", ")} (enable a standard that contains it)`);
        missingSources.push(`securityhub-control:${controlId} (not in an enabled standard)`);
        break;
      case "no_resources":
        break;
    }
  }
  return {
    status: "no_data",
    reason: `${parts.join("; ")}. A Security Hub administrator of this account (or the delegated administrator, under central configuration) can enable it in Security Hub > Controls.`,
    missingSources,
    evidence: [],
  };
}

function describeDisabled(entry: ControlEnablement): string {
  return `${entry.standardName} (${entry.region}${entry.disabledReason ? `, reason: "${entry.disabledReason}"` : ""})`;
}
