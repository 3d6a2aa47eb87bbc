import { parseFlags } from "@/cli/args";
import { CliError } from "@/cli/cli-error";
import { openDatabase } from "@/cli/database";
import { isAccountId } from "@/lib/aws/account-id";
import { findScoreReports } from "@/lib/data/scores/find-score-reports";
import { closeDb, getPool } from "@/lib/db";

const fmt = (value: number | null | undefined) => (value === null || value === undefined ? "n/a" : value.toFixed(1));

/**
 * `parapet scores [--json] [--account ID] [--fail-under N]`: the latest score, coverage,
 * domain scores and every item's status with the ids of the records that decided it, for
 * scripts and CI gates. Exit code 4 when --fail-under is given and a selected account
 * scores below it (an account without a score counts as below: no evidence is not a pass).
 */
export async function runScores(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { json: "boolean", account: "string", "fail-under": "string" });
  const accountId = typeof flags.account === "string" ? flags.account : undefined;
  if (accountId !== undefined && !isAccountId(accountId)) throw new CliError("--account takes a 12-digit AWS account id", 2);
  const failUnder = typeof flags["fail-under"] === "string" ? Number(flags["fail-under"]) : undefined;
  if (failUnder !== undefined && !(failUnder >= 0 && failUnder <= 100)) throw new CliError("--fail-under takes a number from 0 to 100", 2);
  const isJson = flags.json === true;
  const log = (line: string) => console.error(line);

  const database = await openDatabase({ log: isJson ? () => {} : log });
  try {
    const pool = getPool();
    const report = await findScoreReports(pool, accountId ?? null);
    if (accountId && report.length === 0) throw new CliError(`no account ${accountId} is registered`, 1);

    if (isJson) {
      console.log(JSON.stringify(report, null, 2));
    } else if (report.length === 0) {
      console.log("No accounts to show yet: register one (parapet accounts add) or import AWS files (parapet import PATH).");
    } else {
      for (const account of report) {
        console.log(
          `${account.accountId}  ${account.name.padEnd(28)} score ${fmt(account.score).padStart(5)}  risk-adjusted ${fmt(account.riskAdjustedScore).padStart(5)}  coverage ${fmt(account.coverage).padStart(5)}%  ${account.evidence}`,
        );
        if (accountId) {
          for (const [domain, value] of Object.entries(account.domains ?? {})) {
            console.log(`  ${domain.padEnd(24)} score ${fmt(value.score).padStart(5)}  coverage ${fmt(value.coverage).padStart(5)}%`);
          }
          for (const item of account.items) {
            const fraction = item.total ? ` ${item.passing}/${item.total}` : "";
            console.log(`  ${item.itemId.padEnd(8)} ${item.status.padEnd(14)}${fraction}  ${item.reason}`);
            if (item.evidence.length > 0)
              console.log(
                `           evidence: ${item.evidence.slice(0, 5).join(", ")}${item.evidence.length > 5 ? ` (+${item.evidence.length - 5})` : ""}`,
              );
          }
        }
      }
      if (report.some((account) => account.score === null))
        console.log("n/a = not scored yet, or no checklist item had evidence (see coverage)");
    }
    if (failUnder !== undefined) {
      const below = report.filter((account) => account.score === null || account.score < failUnder);
      if (below.length > 0) {
        console.error(
          `parapet: ${below.length} account(s) below ${failUnder}: ${below.map((account) => `${account.accountId} (${fmt(account.score)})`).join(", ")}`,
        );
        return 4;
      }
    }
    return 0;
  } finally {
    await closeDb();
    await database.stop();
  }
}
