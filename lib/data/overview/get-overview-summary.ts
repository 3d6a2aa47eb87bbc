import "server-only";
import type { SessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { selectOverviewAccounts } from "./select-overview-accounts";

export interface OverviewSummary {
  /** Accounts the overview lists (registered, or imported-only once scored). */
  accounts: number;
  /** Unreachable, or the latest collection run failed in part or in full. */
  withErrors: number;
  /** Not collected in the last `staleAfterHours` (or never); disabled and imported-only accounts are not expected to be fresh. */
  stale: number;
  /** Active findings by severity, summed over the accounts' latest snapshots. */
  critical: number;
  high: number;
  medium: number;
  low: number;
}

/**
 * The overview's tiles over the accounts in the user's scope, as one row aggregated in
 * PostgreSQL: the same rules as the accounts list's health filters (hasCollectionErrors,
 * isStale in app/(console)/_components/account-health.ts), so each tile's number is the
 * length of the list it links to. `now` decides what is stale (passed in, so tests can fix it).
 */
export async function getOverviewSummary(user: SessionUser, options: { now: Date; staleAfterHours: number }): Promise<OverviewSummary> {
  const staleBefore = new Date(options.now.getTime() - options.staleAfterHours * 3_600_000);
  const [row] = await getDb().$queryRaw<OverviewSummary[]>`
    SELECT count(*)::int AS accounts,
           count(*) FILTER (WHERE o.status = 'unreachable' OR lr.status IN ('failed', 'partial'))::int AS "withErrors",
           count(*) FILTER (WHERE o.status NOT IN ('disabled', 'data_only')
                              AND (o.last_collected_at IS NULL OR o.last_collected_at < ${staleBefore}))::int AS stale,
           COALESCE(sum(o.critical), 0)::int AS critical, COALESCE(sum(o.high), 0)::int AS high,
           COALESCE(sum(o.medium), 0)::int AS medium, COALESCE(sum(o.low), 0)::int AS low
    FROM ${selectOverviewAccounts(user.scope)}
    LEFT JOIN LATERAL (SELECT status FROM collection_runs WHERE account_id = o.id ORDER BY started_at DESC LIMIT 1) lr ON true`;
  return row!;
}
