import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { cutOverviewPage, type OverviewPage } from "./cut-overview-page";
import type { AccountOverviewRow } from "./find-account-overview";
import { NAME_SORT_VALUE, orderOverviewAccounts } from "./order-overview-accounts";
import type { OverviewTableSort, OverviewTableSortKey } from "./overview-sorts";
import type { OverviewPart } from "./select-overview-accounts";

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

/** The failed steps of the latest collection run (overview_accounts.run_id; none before the first run), as findAccountOverview counts them. */
const JOIN_FAILED_STEPS = Prisma.sql`
  LEFT JOIN LATERAL (SELECT count(*)::int AS failed_steps FROM collection_steps WHERE run_id = o.run_id AND status = 'failed') fs ON true`;
const FAILED_STEPS_COLUMN = Prisma.sql`COALESCE(fs.failed_steps, 0)::int AS failed_steps`;

/** Collection state as a rank, worst first: unreachable, failed steps in the latest run, never collected, ok. */
const COLLECTION_RANK = Prisma.sql`CASE WHEN o.status = 'unreachable' THEN 0 WHEN o.failed_steps > 0 THEN 1 WHEN o.last_collected_at IS NULL THEN 2 ELSE 3 END`;

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

/** A row as its JSON object came: times are ISO strings. */
interface Row {
  id: string;
  name: string;
  status: string;
  status_error: string | null;
  last_collected_at: string | null;
  score: number | null;
  coverage: number | null;
  critical: number;
  high: number;
  medium: number;
  low: number;
  failed_steps: number;
  evidence_as_of: string | null;
  imported_as_of: string | null;
  stale_sources: number;
}

const toDate = (value: string | null): Date | null => (value === null ? null : new Date(value));

/**
 * One page of the overview's accounts table, over `overview_accounts`: the accounts sorted
 * as a whole by any of its columns (accounts without a figure last either way, ties by name
 * then id; see orderOverviewAccounts), then cut; a page past the end is the last page. The
 * latest run's failed steps are counted for the page's rows only, unless the order is the
 * collection state, which needs them for every account.
 */
export function selectOverviewTablePage(
  sort: OverviewTableSort,
  paging: { page: number; size: number },
): OverviewPart<OverviewPage<OverviewTableAccount>> {
  const value = SORT_VALUES[sort.key];
  if (!value) throw new Error(`selectOverviewTablePage: not a sort key: ${String(sort.key)}`);
  const byCollection = sort.key === "collection";
  const columns = Prisma.sql`o.id, o.name, o.status, o.status_error, o.last_collected_at, o.score, o.coverage, o.critical, o.high,
    o.medium, o.low, o.evidence_as_of, o.imported_as_of, o.stale_sources`;
  return cutOverviewPage({
    ...(byCollection
      ? {
          source: Prisma.sql`(SELECT o.*, ${FAILED_STEPS_COLUMN} FROM overview_accounts o ${JOIN_FAILED_STEPS}) o`,
          columns: Prisma.sql`${columns}, o.failed_steps`,
        }
      : {
          source: Prisma.sql`overview_accounts o`,
          columns: Prisma.sql`${columns}, o.run_id`,
          outer: { joins: JOIN_FAILED_STEPS, columns: FAILED_STEPS_COLUMN },
        }),
    order: orderOverviewAccounts(value, sort.dir),
    read: (row: Row) => ({
      id: row.id,
      name: row.name,
      status: row.status,
      statusError: row.status_error,
      lastCollectedAt: toDate(row.last_collected_at),
      score: row.score,
      coverage: row.coverage,
      critical: row.critical,
      high: row.high,
      medium: row.medium,
      low: row.low,
      failedSteps: row.failed_steps,
      evidenceAsOf: toDate(row.evidence_as_of),
      importedAsOf: toDate(row.imported_as_of),
      staleSources: row.stale_sources,
    }),
    ...paging,
  });
}
