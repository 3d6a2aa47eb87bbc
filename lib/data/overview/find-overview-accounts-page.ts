import "server-only";
import type { SessionUser } from "@/lib/auth";
import { Prisma } from "@/lib/generated/prisma/client";
import { cutOverviewPage, type OverviewPage } from "./cut-overview-page";
import type { AccountOverviewRow } from "./find-account-overview";
import { NAME_SORT_VALUE, orderOverviewAccounts } from "./order-overview-accounts";
import type { OverviewTableSort, OverviewTableSortKey } from "./overview-sorts";

export type OverviewTableAccount = Pick<
  AccountOverviewRow,
  | "id"
  | "name"
  | "status"
  | "statusError"
  | "lastCollectedAt"
  | "score"
  | "coverage"
  | "critical"
  | "high"
  | "medium"
  | "low"
  | "failedSteps"
  | "evidenceAsOf"
  | "importedAsOf"
  | "staleSources"
>;

/** The failed steps of the latest collection run of the account in `alias` (none before the first run), as findAccountOverview counts them. */
function joinFailedSteps(alias: "o" | "p"): Prisma.Sql {
  return Prisma.sql`
    LEFT JOIN LATERAL (SELECT id FROM collection_runs WHERE account_id = ${Prisma.raw(alias)}.id ORDER BY started_at DESC LIMIT 1) lr ON true
    LEFT JOIN LATERAL (SELECT count(*)::int AS failed_steps FROM collection_steps WHERE run_id = lr.id AND status = 'failed') fs ON true`;
}
const FAILED_STEPS_COLUMN = Prisma.sql`COALESCE(fs.failed_steps, 0)::int AS failed_steps`;

/** Collection state as a rank, worst first: unreachable, failed steps in the latest run, never collected, ok. */
const COLLECTION_RANK = Prisma.sql`CASE WHEN o.status = 'unreachable' THEN 0 WHEN fs.failed_steps > 0 THEN 1 WHEN o.last_collected_at IS NULL THEN 2 ELSE 3 END`;

const SORT_VALUES: Record<OverviewTableSortKey, Prisma.Sql> = {
  name: NAME_SORT_VALUE,
  score: Prisma.sql`o.score`,
  coverage: Prisma.sql`o.coverage`,
  critical: Prisma.sql`o.critical`,
  high: Prisma.sql`o.high`,
  medium: Prisma.sql`o.medium`,
  low: Prisma.sql`o.low`,
  collected: Prisma.sql`o.last_collected_at`,
  collection: COLLECTION_RANK,
};

interface Row {
  id: string;
  name: string;
  status: string;
  status_error: string | null;
  last_collected_at: Date | null;
  score: number | null;
  coverage: number | null;
  critical: number;
  high: number;
  medium: number;
  low: number;
  failed_steps: number;
  evidence_as_of: Date | null;
  imported_as_of: Date | null;
  stale_sources: number;
}

/**
 * One page of the overview's accounts table: the accounts in the user's scope sorted as a
 * whole by any of its columns (accounts without a figure last either way, ties by name then
 * id; see orderOverviewAccounts), then cut; a page past the end is the last page. The
 * latest run's failed steps are counted for the page's rows only, unless the order is the
 * collection state, which needs them for every account.
 */
export async function findOverviewAccountsPage(
  user: SessionUser,
  sort: OverviewTableSort,
  paging: { page: number; size: number },
): Promise<OverviewPage<OverviewTableAccount>> {
  const value = SORT_VALUES[sort.key];
  if (!value) throw new Error(`findOverviewAccountsPage: not a sort key: ${String(sort.key)}`);
  const byCollection = sort.key === "collection";
  const columns = Prisma.sql`o.id, o.name, o.status, o.status_error, o.last_collected_at, o.score, o.coverage, o.critical, o.high,
    o.medium, o.low, o.evidence_as_of, o.imported_as_of, o.stale_sources`;
  const slice = await cutOverviewPage<Row>({
    scope: user.scope,
    columns: byCollection ? Prisma.sql`${columns}, ${FAILED_STEPS_COLUMN}` : columns,
    order: orderOverviewAccounts(value, sort.dir),
    ...(byCollection ? { inner: joinFailedSteps("o") } : { outer: { joins: joinFailedSteps("p"), columns: FAILED_STEPS_COLUMN } }),
    ...paging,
  });
  return {
    ...slice,
    rows: slice.rows.map((row) => ({
      id: row.id,
      name: row.name,
      status: row.status,
      statusError: row.status_error,
      lastCollectedAt: row.last_collected_at,
      score: row.score,
      coverage: row.coverage,
      critical: row.critical,
      high: row.high,
      medium: row.medium,
      low: row.low,
      failedSteps: row.failed_steps,
      evidenceAsOf: row.evidence_as_of,
      importedAsOf: row.imported_as_of,
      staleSources: row.stale_sources,
    })),
  };
}
