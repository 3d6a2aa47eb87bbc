import type { AccountListRow } from "@/lib/data/accounts/find-accounts";

/** The columns of an account's settings, latest score and latest run, as the accounts' reads select them. */
export interface AccountListDbRow {
  id: string;
  name: string;
  owner: string | null;
  tags: unknown;
  ou_path: string | null;
  role_arn: string | null;
  regions: string[];
  status: string;
  status_error: string | null;
  last_collected_at: Date | null;
  score: number | null;
  coverage: number | null;
  run_status: string | null;
  run_started_at: Date | null;
}

/** Only string values survive: a tag is a key and a text value. */
function toTags(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** One selected row as an AccountListRow (findAccounts, and each entry of the accounts list's page). */
export function toAccountListRow(row: AccountListDbRow): AccountListRow {
  return {
    id: row.id,
    name: row.name,
    owner: row.owner,
    tags: toTags(row.tags),
    ouPath: row.ou_path,
    roleArn: row.role_arn,
    regions: row.regions,
    status: row.status,
    statusError: row.status_error,
    lastCollectedAt: row.last_collected_at,
    score: row.score === null ? null : Number(row.score),
    coverage: row.coverage === null ? null : Number(row.coverage),
    lastRunStatus: row.run_status,
    lastRunStartedAt: row.run_started_at,
  };
}
