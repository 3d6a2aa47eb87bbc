import { existsSync } from "node:fs";
import { resolveUserPath } from "@/lib/env";
import { parseFlags } from "@/cli/args";
import { CliError } from "@/cli/cli-error";
import { openDatabase } from "@/cli/database";
import { importAwsFiles, type ImportReport } from "@/lib/import/import-aws-files";
import { renderImportReport } from "@/lib/import/render-import-report";
import { closeDb, getPool } from "@/lib/db";
import { scoreAccounts, type ScoredAccount } from "@/lib/data/scores/score-accounts";
import { describeScoredAccount } from "@/cli/describe-scored-account";

const USAGE = "usage: parapet import PATH... [--json]";

/**
 * Paths are every argument that is not an option; `--` ends the options so a file whose
 * name starts with `--` can still be imported. parseFlags only knows `--flags`, so the
 * positional part is split off here rather than changing its contract for every command.
 */
function splitArguments(argv: string[]): { paths: string[]; flagArguments: string[] } {
  const paths: string[] = [];
  const flagArguments: string[] = [];
  let isOptionsEnd = false;
  for (const argument of argv) {
    if (isOptionsEnd || !argument.startsWith("--")) paths.push(argument);
    else if (argument === "--") isOptionsEnd = true;
    else flagArguments.push(argument);
  }
  return { paths, flagArguments };
}

/** 0 unless the files held nothing importable at all and something was skipped (wrong files, not AWS records). */
function chooseExitCode(report: ImportReport): number {
  const valid = Object.values(report.stored).reduce((sum, counts) => sum + counts.inserted + counts.updated + counts.unchanged, 0);
  return valid === 0 && report.skipped.length > 0 ? 1 : 0;
}

/**
 * `parapet import PATH... [--json]`: GuardDuty findings, ASFF findings and CloudTrail records
 * from files and directories (recursively: .json, .jsonl, .ndjson, .gz) into the database,
 * through the same normalisers and upserts as collection. Re-importing changes nothing.
 *
 * Relative paths resolve from the folder the command was run from (INIT_CWD under
 * `npm run`). A path that does not exist is a usage error (exit 2) found before the
 * database is opened, so a typo never leaves a half-done import behind; files that exist but
 * cannot be read are reported among the skipped records instead.
 *
 * Exit codes: 0 when at least one valid record was read (new, updated or already stored), or
 * when nothing was skipped; 1 when no valid record was found and something was skipped (the
 * paths hold no GuardDuty, ASFF or CloudTrail records); 2 for usage errors. Skipped records
 * next to valid ones do not fail the import: CloudTrail log folders routinely hold Insights
 * events and digest files, and those are reported, not errors.
 * Ends by scoring every account the stored records named (`scored` in --json), so
 * `parapet scores` shows them straight away; their sources count as "imported as of" the
 * newest record.
 * With --json, stdout is exactly one JSON object (the ImportReport plus `scored`); progress goes to stderr.
 */
export async function runImport(argv: string[]): Promise<number> {
  const split = splitArguments(argv);
  const flagArguments = split.flagArguments;
  const paths = split.paths.map(resolveUserPath);
  const flags = parseFlags(flagArguments, { json: "boolean" });
  if (paths.length === 0) throw new CliError(`import needs at least one file or directory (${USAGE})`, 2);
  const missing = paths.filter((target) => !existsSync(target));
  if (missing.length > 0) {
    throw new CliError(`no such file or directory: ${missing.join(", ")}`, 2);
  }

  const isJson = flags.json === true;
  const log = isJson ? (line: string) => console.error(line) : (line: string) => console.log(line);
  const database = await openDatabase({ log, migrate: true });
  try {
    const report = await importAwsFiles(getPool(), paths, { onProgress: log });
    // Imported evidence is scored at once, over what was imported: an import that leaves
    // accounts unscored looks like "nothing to see" to the person who ran it.
    const scored: ScoredAccount[] = await scoreAccounts(getPool(), report.accounts);
    if (isJson) {
      console.log(JSON.stringify({ ...report, scored }));
    } else {
      console.log(renderImportReport(report));
      if (scored.length > 0) console.log(`scored ${scored.length} account${scored.length === 1 ? "" : "s"}:`);
      for (const account of scored) console.log(`  ${describeScoredAccount(account)}`);
    }
    return chooseExitCode(report);
  } finally {
    await closeDb();
    await database.stop();
  }
}
