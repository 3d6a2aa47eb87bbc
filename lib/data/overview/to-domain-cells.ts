import type { Domain } from "@/lib/checklist/types";
import type { DomainCell } from "@/lib/data/overview/find-account-overview";

/** account_latest_scores.domain_cells (`{domain: {score, coverage}}`) as heat map cells, a missing figure as null. */
export function toDomainCells(
  value: Record<string, { score?: number | null; coverage?: number | null }> | null,
): Partial<Record<Domain, DomainCell>> {
  return Object.fromEntries(
    Object.entries(value ?? {}).map(([domain, figures]) => [domain, { score: figures.score ?? null, coverage: figures.coverage ?? null }]),
  ) as Partial<Record<Domain, DomainCell>>;
}
