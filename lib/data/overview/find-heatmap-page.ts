import "server-only";
import type { SessionUser } from "@/lib/auth";
import { DOMAINS } from "@/lib/checklist/types";
import { Prisma } from "@/lib/generated/prisma/client";
import { toDomainCells } from "./to-domain-cells";
import { cutOverviewPage, type OverviewPage } from "./cut-overview-page";
import type { AccountOverviewRow, DomainCell } from "./find-account-overview";
import { NAME_SORT_VALUE, orderOverviewAccounts } from "./order-overview-accounts";
import type { HeatmapSort, HeatmapSortKey } from "./overview-sorts";

export type HeatmapAccount = Pick<AccountOverviewRow, "id" | "name" | "score" | "domains">;

function sortValue(key: HeatmapSortKey): Prisma.Sql {
  if (key === "name") return NAME_SORT_VALUE;
  if (key === "score") return Prisma.sql`o.score`;
  if (!(DOMAINS as readonly string[]).includes(key)) throw new Error(`findHeatmapPage: not a sort key: ${String(key)}`);
  // The domain's score as JavaScript read it from the cell (a JSON number, parsed to a double).
  return Prisma.sql`(o.domain_cells -> ${key}::text ->> 'score')::float8`;
}

/**
 * One page of the overview's accounts x domains heat map: the accounts in the user's scope
 * sorted as a whole by name, score or one domain's score (accounts without one last either
 * way, ties by name then id; see orderOverviewAccounts), then cut; a page past the end is the
 * last page. Each row carries its latest snapshot's score and domain cells.
 */
export async function findHeatmapPage(
  user: SessionUser,
  sort: HeatmapSort,
  paging: { page: number; size: number },
): Promise<OverviewPage<HeatmapAccount>> {
  const slice = await cutOverviewPage<{
    id: string;
    name: string;
    score: number | null;
    domain_cells: Record<string, Partial<DomainCell>> | null;
  }>({
    scope: user.scope,
    columns: Prisma.sql`o.id, o.name, o.score, o.domain_cells`,
    order: orderOverviewAccounts(sortValue(sort.key), sort.dir),
    ...paging,
  });
  return {
    ...slice,
    rows: slice.rows.map((row) => ({
      id: row.id,
      name: row.name,
      score: row.score,
      domains: toDomainCells(row.domain_cells),
    })),
  };
}
