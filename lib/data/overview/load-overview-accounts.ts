import "server-only";
import type { SessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import type { OverviewPage } from "./cut-overview-page";
import type { HeatmapSort, OverviewTableSort } from "./overview-sorts";
import { selectBiggestMovers } from "./select-biggest-movers";
import { selectHeatmapPage, type HeatmapAccount } from "./select-heatmap-page";
import { selectLowestScores, type ScoredAccount } from "./select-lowest-scores";
import { selectOverviewAccounts } from "./select-overview-accounts";
import { selectOverviewTablePage, type OverviewTableAccount } from "./select-overview-table-page";
import { selectOverviewTiles, type OverviewSummary } from "./select-overview-tiles";

export interface OverviewAccountsQuery {
  /** What is stale: not collected in the `staleAfterHours` before `now` (passed in, so tests can fix it). */
  now: Date;
  staleAfterHours: number;
  /** How many accounts "Lowest scores" and "Biggest movers" list. */
  lowest: number;
  movers: number;
  heat: { sort: HeatmapSort; page: number; size: number };
  table: { sort: OverviewTableSort; page: number; size: number };
}

export interface OverviewAccounts {
  summary: OverviewSummary;
  lowest: ScoredAccount[];
  movers: Array<ScoredAccount & { delta: number }>;
  heat: OverviewPage<HeatmapAccount>;
  table: OverviewPage<OverviewTableAccount>;
}

/**
 * Everything the overview shows per account, in one statement over the accounts in the
 * user's scope (selectOverviewAccounts: the scope is inside the statement): the tiles, the
 * lowest scores, the biggest movers, one page of the heat map and one of the accounts table.
 * The accounts' rows are read once into a materialised common table and each part is a JSON
 * value over it, returned as one row of JSON text: five statements each joining the same
 * rows, and each paying its own round trip and result mapping in the server, cost more CPU
 * in both PostgreSQL and Node at 500 accounts (bench/README.md has the figures).
 */
export async function loadOverviewAccounts(user: SessionUser, query: OverviewAccountsQuery): Promise<OverviewAccounts> {
  const parts = {
    summary: selectOverviewTiles({ now: query.now, staleAfterHours: query.staleAfterHours }),
    lowest: selectLowestScores(query.lowest),
    movers: selectBiggestMovers(query.movers),
    heat: selectHeatmapPage(query.heat.sort, query.heat),
    table: selectOverviewTablePage(query.table.sort, query.table),
  };
  // As text, parsed here once: the driver would otherwise parse the JSON into the row it maps.
  const [row] = await getDb().$queryRaw<Array<{ overview: string }>>`
    WITH ${selectOverviewAccounts(user.scope)}
    SELECT json_build_object(
      'summary', ${parts.summary.sql}, 'lowest', ${parts.lowest.sql}, 'movers', ${parts.movers.sql},
      'heat', ${parts.heat.sql}, 'table', ${parts.table.sql}
    )::text AS overview`;
  const value = JSON.parse(row!.overview) as Record<keyof typeof parts, never>;
  return {
    summary: parts.summary.read(value.summary),
    lowest: parts.lowest.read(value.lowest),
    movers: parts.movers.read(value.movers),
    heat: parts.heat.read(value.heat),
    table: parts.table.read(value.table),
  };
}
