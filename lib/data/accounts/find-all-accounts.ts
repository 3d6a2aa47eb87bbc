import "server-only";
import type pg from "pg";

export interface AccountSummaryRow {
  id: string;
  name: string;
  /** pending | active | unreachable | disabled | data_only */
  status: string;
  regions: string[];
  roleArn: string | null;
  lastCollectedAt: Date | null;
}

/** Every account by name, for `parapet accounts list` (an operator with database access: no session, no scope). */
export async function findAllAccounts(pool: pg.Pool): Promise<AccountSummaryRow[]> {
  const result = await pool.query<{
    id: string;
    name: string;
    status: string;
    regions: string[];
    role_arn: string | null;
    last_collected_at: Date | null;
  }>("SELECT id, name, status, regions, role_arn, last_collected_at FROM accounts ORDER BY name");
  return result.rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    regions: row.regions,
    roleArn: row.role_arn,
    lastCollectedAt: row.last_collected_at,
  }));
}
