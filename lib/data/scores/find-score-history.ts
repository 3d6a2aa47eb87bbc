import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";

export interface ScoreHistoryPoint {
  /** yyyy-mm-dd (UTC day of the snapshot). */
  day: string;
  score: number | null;
  riskAdjustedScore: number | null;
  coverage: number | null;
}

/** One point per daily snapshot of the account over the last `days` days, oldest first. Empty when the user may not see the account. */
export async function findScoreHistory(user: SessionUser, accountId: string, days = 90): Promise<ScoreHistoryPoint[]> {
  const rows = await getDb().$queryRaw<
    Array<{ day: string; score: number | null; risk_adjusted_score: number | null; coverage: number | null }>
  >`
    SELECT day::text, score, risk_adjusted_score, coverage
    FROM score_snapshots
    WHERE account_id = ${accountId} AND ${accountInScope(user.scope, "account_id")}
      AND day > (now() AT TIME ZONE 'UTC')::date - ${days}::int
    ORDER BY day ASC`;
  return rows.map((row) => ({ day: row.day, score: row.score, riskAdjustedScore: row.risk_adjusted_score, coverage: row.coverage }));
}
