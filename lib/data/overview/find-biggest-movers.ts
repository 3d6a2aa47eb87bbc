import "server-only";
import type { SessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import type { ScoredAccount } from "./find-lowest-scores";
import { selectOverviewAccounts } from "./select-overview-accounts";
import { WEEK_DELTA } from "./week-delta";

/**
 * The overview's "Biggest movers this week": the `limit` accounts in the user's scope whose
 * score moved most since last week's snapshot (the absolute change, rounded as shown; an
 * account without a snapshot a week old, or whose rounded change is 0, is no mover), ties by
 * name as localeCompare orders it, then (as the list they were picked from was ordered) by
 * score, the name's bytes and the id.
 */
export async function findBiggestMovers(user: SessionUser, limit = 5): Promise<Array<ScoredAccount & { delta: number }>> {
  return getDb().$queryRaw<Array<ScoredAccount & { delta: number }>>`
    SELECT m.* FROM (
      SELECT o.id, o.name, o.score, o.coverage, o.week_ago_score AS "weekAgoScore", ${WEEK_DELTA} AS delta
      FROM ${selectOverviewAccounts(user.scope)}
    ) m
    WHERE m.delta <> 0
    ORDER BY abs(m.delta) DESC, m.name COLLATE locale_compare ASC, m.score ASC, m.name COLLATE "C" ASC, m.id ASC
    LIMIT ${limit}::int`;
}
