import "server-only";
import type { AccountScope } from "@/lib/auth/account-scope";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The accounts the overview lists, as a subquery `o` for the overview's reads (its tiles,
 * lowest scores, movers, heat map page and accounts table page), so all of them count and
 * order the same set: every account in the scope that is registered, or known only from
 * imported records (data_only) once it has been scored; with the narrow columns of its
 * latest snapshot from account_latest_scores (migration 1765400000000), null before the
 * first score. The same set and columns as findAccountOverview, which the accounts list,
 * its CSV export and the API read whole. PostgreSQL flattens the subquery, so what a read
 * does not select is not read.
 */
export function selectOverviewAccounts(scope: AccountScope): Prisma.Sql {
  return Prisma.sql`(
    SELECT a.id, a.name, a.status, a.status_error, a.last_collected_at,
           s.score, s.coverage, s.domain_cells, s.week_ago_score, s.evidence_as_of, s.imported_as_of,
           COALESCE(s.stale_sources, 0)::int AS stale_sources,
           COALESCE(s.active_critical, 0)::int AS critical, COALESCE(s.active_high, 0)::int AS high,
           COALESCE(s.active_medium, 0)::int AS medium, COALESCE(s.active_low, 0)::int AS low
    FROM accounts a
    LEFT JOIN account_latest_scores s ON s.account_id = a.id
    WHERE (a.status <> 'data_only' OR s.account_id IS NOT NULL) AND ${accountInScope(scope, "a.id")}
  ) o`;
}
