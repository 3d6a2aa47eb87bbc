import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ScoredAccount } from "./select-lowest-scores";
import type { OverviewPart } from "./select-overview-accounts";

/**
 * The overview's "Biggest movers this week", over `overview_accounts`: the `limit` accounts
 * whose score moved most since last week's snapshot (the absolute change, rounded as shown;
 * an account without a snapshot a week old, or whose rounded change is 0, is no mover), ties
 * by name as localeCompare orders it, then (as the list they were picked from was ordered)
 * by score, the name's bytes and the id.
 */
export function selectBiggestMovers(limit: number): OverviewPart<Array<ScoredAccount & { delta: number }>> {
  const order = Prisma.sql`abs(m.delta) DESC, m.name COLLATE locale_compare ASC, m.score ASC, m.name COLLATE "C" ASC, m.id ASC`;
  return {
    sql: Prisma.sql`(
      SELECT COALESCE(json_agg(m ORDER BY ${order}), '[]'::json)
      FROM (
        SELECT m.* FROM (
          SELECT o.id, o.name, o.score, o.coverage, o.week_ago_score AS "weekAgoScore", o.delta
          FROM overview_accounts o
        ) m
        WHERE m.delta <> 0
        ORDER BY ${order}
        LIMIT ${limit}::int
      ) m)`,
    read: (value: Array<ScoredAccount & { delta: number }>) => value,
  };
}
