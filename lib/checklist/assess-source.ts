import type { Source } from "@/lib/aws/sources";

import type { SourceState, SourceStatus } from "./evidence";

export interface SourceAssessment {
  /** Regions by state; a region with no status row counts as not_collected. */
  regionsByState: Record<SourceState, string[]>;
  /** Human-readable "source:region (state: error)" for regions with no trustworthy data. */
  missing: string[];
}

/**
 * Per-region state of one evidence source over the regions Parapet collects for the
 * account. Evaluators use it to tell "off" (disabled: a known fact about the account) from
 * "unknown" (error / not_collected: missing data, never a pass).
 */
export function assessSource(source: Source, statuses: SourceStatus[], regions: string[]): SourceAssessment {
  const byRegion = new Map(statuses.map((status) => [status.region, status]));
  const regionsByState: Record<SourceState, string[]> = { ok: [], disabled: [], error: [], not_collected: [], stale: [] };
  const missing: string[] = [];
  for (const region of [...regions].sort()) {
    const status = byRegion.get(region);
    const state: SourceState = status?.state ?? "not_collected";
    regionsByState[state].push(region);
    if (state === "error") missing.push(`${source}:${region} (error${status?.error ? `: ${status.error}` : ""})`);
    if (state === "not_collected") missing.push(`${source}:${region} (not collected)`);
    if (state === "stale") missing.push(`${source}:${region} (stale${status?.error ? `: ${status.error}` : ""})`);
  }
  return { regionsByState, missing };
}
