import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";
import { toAccountListRow, type AccountListDbRow } from "@/lib/data/accounts/to-account-list-row";

export interface AccountListRow {
  id: string;
  name: string;
  owner: string | null;
  /** Account tags as key -> value (from AWS Organizations or set in the console). */
  tags: Record<string, string>;
  /** Organizations OU path (r-xxxx/ou-.../ou-...), null until discovery read it. */
  ouPath: string | null;
  roleArn: string | null;
  regions: string[];
  /** pending | active | unreachable | disabled | data_only */
  status: string;
  statusError: string | null;
  lastCollectedAt: Date | null;
  score: number | null;
  coverage: number | null;
  /** Status of the latest collection run (running | succeeded | partial | failed), null before the first. */
  lastRunStatus: string | null;
  lastRunStartedAt: Date | null;
}

/**
 * The accounts the user may see, with the latest score and the latest run, ordered by
 * name. ExternalIds are not returned: the list is shown to every role. The score is the
 * latest snapshot's, read from its narrow read model (account_latest_scores) rather than a
 * LATERAL into the wide snapshot rows.
 */
export async function findAccounts(user: SessionUser): Promise<AccountListRow[]> {
  const rows = await getDb().$queryRaw<AccountListDbRow[]>`
    SELECT a.id, a.name, a.owner, a.tags, a.ou_path, a.role_arn, a.regions, a.status, a.status_error, a.last_collected_at,
           s.score, s.coverage, r.status AS run_status, r.started_at AS run_started_at
    FROM accounts a
    LEFT JOIN account_latest_scores s ON s.account_id = a.id
    LEFT JOIN LATERAL (
      SELECT status, started_at FROM collection_runs WHERE account_id = a.id ORDER BY started_at DESC LIMIT 1
    ) r ON true
    WHERE ${accountInScope(user.scope, "a.id")}
    ORDER BY a.name ASC, a.id ASC`;
  return rows.map(toAccountListRow);
}
