import "server-only";
import type { AccountScope } from "@/lib/auth/account-scope";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { Prisma } from "@/lib/generated/prisma/client";
import { WEEK_DELTA } from "./week-delta";

/**
 * One part of loadOverviewAccounts' statement: a JSON expression over the common table
 * `overview_accounts` (see selectOverviewAccounts), and how to read its value once parsed.
 */
export interface OverviewPart<T> {
  sql: Prisma.Sql;
  read: (value: never) => T;
}

/**
 * The accounts the overview lists, as the common table `overview_accounts` of
 * loadOverviewAccounts' one statement (its tiles, lowest scores, movers, heat map page and
 * accounts table page read it), so all of them count and order the same set, read once:
 * every account in the scope that is registered, or known only from imported records
 * (data_only) once it has been scored; with the narrow columns of its latest snapshot from
 * account_latest_scores (migration 1765400000000), null before the first score, and its
 * latest collection run (the tiles' health, the table's failed steps) and the change since
 * last week's snapshot (WEEK_DELTA, computed once per account: the movers filter and sort
 * by it, and its text round trips are most of their cost). The same set and
 * columns as findAccountOverview, which the accounts list, its CSV export and the API read
 * whole. MATERIALIZED (PostgreSQL's choice anyway for a common table read more than
 * once; said so it stays so): the five parts each scan its rows instead of each joining
 * the tables again.
 */
export function selectOverviewAccounts(scope: AccountScope): Prisma.Sql {
  return Prisma.sql`overview_accounts AS MATERIALIZED (
    SELECT o.*, ${WEEK_DELTA} AS delta FROM (
    SELECT a.id, a.name, a.status, a.status_error, a.last_collected_at,
           s.score, s.coverage, s.domain_cells, s.week_ago_score, s.evidence_as_of, s.imported_as_of,
           COALESCE(s.stale_sources, 0)::int AS stale_sources,
           COALESCE(s.active_critical, 0)::int AS critical, COALESCE(s.active_high, 0)::int AS high,
           COALESCE(s.active_medium, 0)::int AS medium, COALESCE(s.active_low, 0)::int AS low,
           lr.id AS run_id, lr.status AS run_status
    FROM accounts a
    LEFT JOIN account_latest_scores s ON s.account_id = a.id
    LEFT JOIN LATERAL (SELECT id, status FROM collection_runs WHERE account_id = a.id ORDER BY started_at DESC LIMIT 1) lr ON true
    WHERE (a.status <> 'data_only' OR s.account_id IS NOT NULL) AND ${accountInScope(scope, "a.id")}
    ) o
  )`;
}
