import type { Source } from "@/lib/aws/sources";
import type { SourceStatus } from "./evidence";
import type { EvidenceRef } from "./types";

/**
 * Evidence for a decision made on an absence ("no trail exists", "no risky event", "no
 * enabled detector"): there is no record to cite, so the evidence is what was read, where and
 * when. A security lead defending "no trail" can then say "DescribeTrails in us-east-1 and
 * eu-west-1, read at 09:12 UTC, returned none" instead of pointing at an empty list.
 */
export function sourceReadRefs(source: Source, regions: string[], statuses: SourceStatus[], what: string): EvidenceRef[] {
  const byRegion = new Map(statuses.map((status) => [status.region, status]));
  return [...regions].sort().map((region) => {
    const status = byRegion.get(region);
    const origin = status?.origin === "imported" ? "imported records" : "read";
    const when = status?.asOf ? ` ${origin} at ${status.asOf.toISOString().slice(0, 16).replace("T", " ")} UTC` : ` ${origin}`;
    return { kind: "source" as const, id: `${source}:${region}`, note: `${what};${when}` };
  });
}
