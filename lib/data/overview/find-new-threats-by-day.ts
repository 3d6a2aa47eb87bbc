import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export interface ThreatDay {
  day: string;
  critical: number;
  high: number;
}

/**
 * GuardDuty findings of critical or high severity first seen on each of the last `days`
 * UTC days (today included), over the accounts the user may see. Every day appears, zero
 * or not, so the chart and its table show quiet days as quiet. Counted whatever their
 * status now: a threat that was archived since still arrived that day.
 *
 * Read from account_threat_days, the per-account per-day counts that the scoring
 * transaction refreshes (migration 1765500000000): the figures are those of each account's
 * latest scoring, the collection's last step, like the overview's active finding counts.
 * Someone who sees only some accounts sums their accounts x days rows (`counted`: not
 * data_only); someone who sees every account sums the org journal org_threat_day_deltas,
 * which triggers on account_threat_days keep (migration 1765600000000), a few rows per day.
 * Counted from the findings themselves this was 20 ms of PostgreSQL time per overview
 * request at 2M findings, 3 ms from the per-account rows.
 */
export async function findNewThreatsByDay(user: SessionUser, days = 14): Promise<ThreatDay[]> {
  const rows = await getDb().$queryRaw<Array<{ day: Date; critical: number; high: number }>>`
    WITH window_days AS (
      SELECT d::date AS day
      FROM generate_series((now() AT TIME ZONE 'UTC')::date - (${days}::int - 1), (now() AT TIME ZONE 'UTC')::date, interval '1 day') AS d
    ), counted AS (${
      user.scope.all
        ? Prisma.sql`
      SELECT j.day, sum(j.critical)::int AS critical, sum(j.high)::int AS high
      FROM org_threat_day_deltas j
      WHERE j.day >= (now() AT TIME ZONE 'UTC')::date - (${days}::int - 1)
        AND j.day <= (now() AT TIME ZONE 'UTC')::date
      GROUP BY j.day`
        : Prisma.sql`
      SELECT t.day, sum(t.critical)::int AS critical, sum(t.high)::int AS high
      FROM account_threat_days t
      WHERE t.day >= (now() AT TIME ZONE 'UTC')::date - (${days}::int - 1)
        AND t.day <= (now() AT TIME ZONE 'UTC')::date
        AND t.counted
        AND ${accountInScope(user.scope, "t.account_id")}
      GROUP BY t.day`
    })
    SELECT w.day, COALESCE(c.critical, 0)::int AS critical, COALESCE(c.high, 0)::int AS high
    FROM window_days w
    LEFT JOIN counted c ON c.day = w.day
    ORDER BY w.day`;
  return rows.map((row) => ({ day: row.day.toISOString().slice(0, 10), critical: row.critical, high: row.high }));
}
