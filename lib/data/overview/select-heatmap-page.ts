import "server-only";
import { DOMAINS } from "@/lib/checklist/types";
import { Prisma } from "@/lib/generated/prisma/client";
import { toDomainCells } from "./to-domain-cells";
import { cutOverviewPage, type OverviewPage } from "./cut-overview-page";
import type { AccountOverviewRow, DomainCell } from "./find-account-overview";
import { NAME_SORT_VALUE, orderOverviewAccounts } from "./order-overview-accounts";
import type { HeatmapSort, HeatmapSortKey } from "./overview-sorts";
import type { OverviewPart } from "./select-overview-accounts";

export type HeatmapAccount = Pick<AccountOverviewRow, "id" | "name" | "score" | "domains">;

function sortValue(key: HeatmapSortKey): Prisma.Sql {
  if (key === "name") return NAME_SORT_VALUE;
  if (key === "score") return Prisma.sql`o.score`;
  if (!(DOMAINS as readonly string[]).includes(key)) throw new Error(`selectHeatmapPage: not a sort key: ${String(key)}`);
  // The domain's score as JavaScript read it from the cell (a JSON number, parsed to a double).
  return Prisma.sql`(o.domain_cells -> ${key}::text ->> 'score')::float8`;
}

/**
 * One page of the overview's accounts x domains heat map, over `overview_accounts`: the
 * accounts sorted as a whole by name, score or one domain's score (accounts without one last
 * either way, ties by name then id; see orderOverviewAccounts), then cut; a page past the
 * end is the last page. Each row carries its latest snapshot's score and domain cells.
 */
export function selectHeatmapPage(sort: HeatmapSort, paging: { page: number; size: number }): OverviewPart<OverviewPage<HeatmapAccount>> {
  return cutOverviewPage({
    source: Prisma.sql`overview_accounts o`,
    columns: Prisma.sql`o.id, o.name, o.score, o.domain_cells`,
    order: orderOverviewAccounts(sortValue(sort.key), sort.dir),
    read: (row: { id: string; name: string; score: number | null; domain_cells: Record<string, Partial<DomainCell>> | null }) => ({
      id: row.id,
      name: row.name,
      score: row.score,
      domains: toDomainCells(row.domain_cells),
    }),
    ...paging,
  });
}
