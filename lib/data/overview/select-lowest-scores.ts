import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OverviewPart } from "./select-overview-accounts";

export interface ScoredAccount {
  id: string;
  name: string;
  score: number;
  coverage: number;
  weekAgoScore: number | null;
  /** Change since last week's snapshot, rounded to one decimal as the scores are shown; null without one. */
  delta: number | null;
}

/**
 * The overview's "Lowest scores", over `overview_accounts`: the `limit` scored accounts with
 * the lowest latest score, ties by name as localeCompare orders it, then (as the list they
 * were picked from was ordered) by the name's bytes and the id. The aggregate orders its
 * rows itself: a subquery's order is not one PostgreSQL promises to keep.
 */
export function selectLowestScores(limit: number): OverviewPart<ScoredAccount[]> {
  const order = Prisma.sql`o.score ASC, o.name COLLATE locale_compare ASC, o.name COLLATE "C" ASC, o.id ASC`;
  return {
    sql: Prisma.sql`(
      SELECT COALESCE(json_agg(o ORDER BY ${order}), '[]'::json)
      FROM (
        SELECT o.id, o.name, o.score, o.coverage, o.week_ago_score AS "weekAgoScore", o.delta
        FROM overview_accounts o
        WHERE o.score IS NOT NULL
        ORDER BY ${order}
        LIMIT ${limit}::int
      ) o)`,
    read: (value: ScoredAccount[]) => value,
  };
}
