import fs from "node:fs/promises";
import path from "node:path";
import { parseFlags } from "@/cli/args";
import { CliError } from "@/cli/cli-error";
import { openDatabase } from "@/cli/database";
import { createReport } from "@/lib/data/reports/create-report";
import { closeDb, getPool } from "@/lib/db";
import { resolveUserPath } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { lastCompleteIsoWeek, parseIsoWeek } from "@/lib/reports/iso-week";
import { parseScopeText, scopeKey } from "@/lib/reports/report-scope";

/**
 * `parapet report --week 2026-W48 [--scope S] [--paper a4|letter] --out DIR`: generates the
 * weekly report exactly as the worker and the Reports page do (stored as the next version),
 * and writes its PDF and CSV into DIR. Without --week: the last complete week.
 */
export async function runReport(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { week: "string", scope: "string", paper: "string", out: "string" });
  const weekText = typeof flags.week === "string" ? flags.week : undefined;
  const week = weekText ? parseIsoWeek(weekText) : lastCompleteIsoWeek(new Date());
  if (!week) throw new CliError(`--week takes an ISO week such as 2026-W48, not "${weekText}"`, 2);
  if (week.end.getTime() > Date.now()) throw new CliError(`week ${week.id} has not ended yet: a weekly report covers a complete week`, 2);
  const paper = flags.paper ?? "a4";
  if (paper !== "a4" && paper !== "letter") throw new CliError("--paper takes a4 or letter", 2);
  if (typeof flags.out !== "string") throw new CliError("--out DIR is required: the folder the PDF and the CSV are written to", 2);
  let scope;
  try {
    scope = parseScopeText(typeof flags.scope === "string" ? flags.scope : "all");
  } catch (error) {
    throw new CliError(`--scope: ${(error as Error).message}`, 2);
  }
  const out = resolveUserPath(flags.out);
  await fs.mkdir(out, { recursive: true });

  const database = await openDatabase({ log: (line) => console.error(line) });
  try {
    const report = await createReport(getPool(), { scope, week, paper, generatedBy: "cli" });
    const base = `parapet-report-${week.id}-${scopeKey(scope) === "all" ? "org" : `scope-${report.id}`}-v${report.version}`;
    const pdfPath = path.join(out, `${base}.pdf`);
    const csvPath = path.join(out, `${base}.csv`);
    await fs.writeFile(pdfPath, report.pdf);
    await fs.writeFile(csvPath, report.csv);
    console.log(`report ${week.id} version ${report.version}: ${report.pageCount} pages\n  ${pdfPath}\n  ${csvPath}`);
    return 0;
  } catch (error) {
    if (isAppError(error)) throw new CliError(error.message, 1);
    throw error;
  } finally {
    await closeDb();
    await database.stop();
  }
}
