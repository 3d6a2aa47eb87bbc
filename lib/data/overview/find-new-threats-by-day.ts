import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";

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
 */
export async function findNewThreatsByDay(user: SessionUser, days = 14): Promise<ThreatDay[]> {
  const rows = await getDb().$queryRaw<Array<{ day: Date; critical: number; high: number }>>`
    SELECT d.day::date AS day,
           count(f.id) FILTER (WHERE f.severity_label = 'CRITICAL')::int AS critical,
           count(f.id) FILTER (WHERE f.severity_label = 'HIGH')::int AS high
    FROM generate_series((now() AT TIME ZONE 'UTC')::date - (${days}::int - 1), (now() AT TIME ZONE 'UTC')::date, interval '1 day') AS d(day)
    LEFT JOIN findings f
      ON f.source = 'guardduty' AND f.severity_label IN ('CRITICAL', 'HIGH')
     AND f.first_seen_at >= d.day AT TIME ZONE 'UTC' AND f.first_seen_at < (d.day + interval '1 day') AT TIME ZONE 'UTC'
     AND ${accountInScope(user.scope, "f.account_id")}
     AND f.account_id IN (SELECT id FROM accounts WHERE status <> 'data_only')
    GROUP BY d.day
    ORDER BY d.day`;
  return rows.map((row) => ({ day: row.day.toISOString().slice(0, 10), critical: row.critical, high: row.high }));
}
