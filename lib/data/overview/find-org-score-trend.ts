import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { roundToTenth } from "@/lib/checklist/round-to-tenth";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export interface OrgScorePoint {
  day: string;
  score: number | null;
  riskAdjustedScore: number | null;
  coverage: number | null;
  accounts: number;
}

/**
 * The org score per day over the accounts the user may see, rolled up exactly as
 * lib/checklist/roll-up-org-score.ts documents (pooled: Σ earned weight / Σ weight with
 * data; coverage Σ weight with data / Σ applicable weight), from each account's snapshot
 * of that day. The last point is today's org score. A user who sees every account reads
 * org_score_days, the roll-up a trigger keeps per day in the scoring transaction (one row
 * per day); anyone else sums their own accounts' snapshots, each of which carries its
 * account's pooled weights (an org-wide row would include accounts they may not see).
 */
export async function findOrgScoreTrend(user: SessionUser, days = 90): Promise<OrgScorePoint[]> {
  const rows = await getDb().$queryRaw<RollUpRow[]>(
    user.scope.all
      ? Prisma.sql`
    SELECT day, earned_weight AS earned, risk_adjusted_earned_weight AS adjusted, weight_with_data AS with_data,
           weight_applicable AS applicable, accounts
    FROM org_score_days
    WHERE day >= (now() AT TIME ZONE 'UTC')::date - ${days}::int
    ORDER BY day`
      : Prisma.sql`
    SELECT s.day,
           sum(s.earned_weight) AS earned,
           sum(s.risk_adjusted_earned_weight) AS adjusted,
           sum(s.weight_with_data) AS with_data,
           sum(s.weight_applicable) AS applicable,
           count(*)::int AS accounts
    FROM score_snapshots s
    JOIN accounts a ON a.id = s.account_id
    WHERE s.day >= (now() AT TIME ZONE 'UTC')::date - ${days}::int
      AND a.status <> 'data_only'
      AND ${accountInScope(user.scope, "s.account_id")}
    GROUP BY s.day
    ORDER BY s.day`,
  );
  return rows.map((row) => ({
    day: row.day.toISOString().slice(0, 10),
    score: row.with_data ? roundToTenth((100 * (row.earned ?? 0)) / row.with_data) : null,
    riskAdjustedScore: row.with_data ? roundToTenth((100 * (row.adjusted ?? 0)) / row.with_data) : null,
    coverage: row.applicable ? roundToTenth((100 * (row.with_data ?? 0)) / row.applicable) : null,
    accounts: row.accounts,
  }));
}

interface RollUpRow {
  day: Date;
  earned: number | null;
  adjusted: number | null;
  with_data: number | null;
  applicable: number | null;
  accounts: number;
}
