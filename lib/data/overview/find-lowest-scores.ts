import "server-only";
import type { SessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { selectOverviewAccounts } from "./select-overview-accounts";
import { WEEK_DELTA } from "./week-delta";

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
 * The overview's "Lowest scores": the `limit` scored accounts in the user's scope with the
 * lowest latest score, ties by name as localeCompare orders it, then (as the list they were
 * picked from was ordered) by the name's bytes and the id.
 */
export async function findLowestScores(user: SessionUser, limit = 5): Promise<ScoredAccount[]> {
  return getDb().$queryRaw<ScoredAccount[]>`
    SELECT o.id, o.name, o.score, o.coverage, o.week_ago_score AS "weekAgoScore", ${WEEK_DELTA} AS delta
    FROM ${selectOverviewAccounts(user.scope)}
    WHERE o.score IS NOT NULL
    ORDER BY o.score ASC, o.name COLLATE locale_compare ASC, o.name COLLATE "C" ASC, o.id ASC
    LIMIT ${limit}::int`;
}
