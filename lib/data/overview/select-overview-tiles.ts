import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OverviewPart } from "./select-overview-accounts";

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
 * The overview's tiles over `overview_accounts`, as one JSON object aggregated in
 * PostgreSQL: the same rules as the accounts list's health filters (hasCollectionErrors,
 * isStale in app/(console)/_components/account-health.ts), so each tile's number is the
 * length of the list it links to. `now` decides what is stale (passed in, so tests can fix it).
 */
export function selectOverviewTiles(options: { now: Date; staleAfterHours: number }): OverviewPart<OverviewSummary> {
  const staleBefore = new Date(options.now.getTime() - options.staleAfterHours * 3_600_000);
  return {
    sql: Prisma.sql`(
      SELECT json_build_object(
        'accounts', count(*)::int,
        'withErrors', count(*) FILTER (WHERE o.status = 'unreachable' OR o.run_status IN ('failed', 'partial'))::int,
        'stale', count(*) FILTER (WHERE o.status NOT IN ('disabled', 'data_only')
                                    AND (o.last_collected_at IS NULL OR o.last_collected_at < ${staleBefore}))::int,
        'critical', COALESCE(sum(o.critical), 0)::int, 'high', COALESCE(sum(o.high), 0)::int,
        'medium', COALESCE(sum(o.medium), 0)::int, 'low', COALESCE(sum(o.low), 0)::int)
      FROM overview_accounts o)`,
    read: (value: OverviewSummary) => value,
  };
}
