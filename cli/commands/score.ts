import { parseFlags } from "@/cli/args";
import { isAccountId } from "@/lib/aws/account-id";
import { CliError } from "@/cli/cli-error";
import { openDatabase } from "@/cli/database";
import { describeScoredAccount } from "@/cli/describe-scored-account";
import { scoreAccounts } from "@/lib/data/scores/score-accounts";
import { closeDb, getPool } from "@/lib/db";

/**
 * `parapet score [--account ID] [--json]`: re-evaluates the checklist now over the stored
 * evidence (collected or imported) and saves the results and today's snapshot, for every
 * account that is not disabled, or for one. Useful after an import into a database without
 * a worker, after changing PARAPET_EVIDENCE_MAX_AGE_HOURS, or to see freshness take effect.
 */
export async function runScore(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { json: "boolean", account: "string" });
  const accountId = typeof flags.account === "string" ? flags.account : undefined;
  if (accountId !== undefined && !isAccountId(accountId)) throw new CliError("--account takes a 12-digit AWS account id", 2);
  const isJson = flags.json === true;
  const database = await openDatabase({ log: isJson ? () => {} : (line: string) => console.error(line), migrate: true });
  try {
    const pool = getPool();
    const accounts = await pool.query<{ id: string }>(
      "SELECT id FROM accounts WHERE status <> 'disabled' AND ($1::text IS NULL OR id = $1) ORDER BY id",
      [accountId ?? null],
    );
    if (accountId && accounts.rows.length === 0) throw new CliError(`no account ${accountId} is known (or it is disabled)`, 1);
    const scored = await scoreAccounts(
      pool,
      accounts.rows.map((row) => row.id),
    );
    if (isJson) console.log(JSON.stringify(scored, null, 2));
    else if (scored.length === 0)
      console.log("No accounts to score: register one (parapet accounts) or import AWS files (parapet import PATH).");
    else for (const account of scored) console.log(describeScoredAccount(account));
    return 0;
  } finally {
    await closeDb();
    await database.stop();
  }
}
