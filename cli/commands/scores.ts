import { parseFlags } from "@/cli/args";
import { CliError } from "@/cli/cli-error";
import { openDatabase } from "@/cli/database";
import { parseStoredItemResult, type StoredItemRow } from "@/lib/data/checklist/parse-stored-item-result";
import { closeDb, getPool } from "@/lib/db";

interface ScoreRow {
  account_id: string;
  name: string;
  taken_at: Date;
  score: number | null;
  risk_adjusted_score: number | null;
  coverage: number;
  domains: Record<string, { score: number | null; riskAdjustedScore: number | null; coverage: number | null }>;
  checklist_version: string;
  evidence_as_of: Date | null;
  sources: Array<{ source: string; region: string; state: string; origin: string; asOf: string | null }> | null;
}

type ItemRow = StoredItemRow & { account_id: string };

/** "imported as of ...", "evidence as of ...", or both, beside every coverage figure. */
function describeEvidenceOrigin(sources: NonNullable<ScoreRow["sources"]>, evidenceAsOf: Date | null): string {
  if (sources.length === 0) return evidenceAsOf ? `evidence as of ${evidenceAsOf.toISOString()}` : "";
  const used = sources.filter((source) => source.state === "ok" || source.state === "disabled");
  const newestImport = used.filter((source) => source.origin === "imported" && source.asOf).map((source) => source.asOf!).sort().pop();
  const parts: string[] = [];
  if (used.some((source) => source.origin === "collected")) parts.push(`evidence as of ${evidenceAsOf ? evidenceAsOf.toISOString() : "unknown"}`);
  if (newestImport) parts.push(`imported as of ${new Date(newestImport).toISOString()}`);
  const stale = sources.filter((source) => source.state === "stale").length;
  if (stale > 0) parts.push(`${stale} source(s) stale`);
  return parts.join(", ");
}

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
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) throw new CliError("--account takes a 12-digit AWS account id", 2);
  const failUnder = typeof flags["fail-under"] === "string" ? Number(flags["fail-under"]) : undefined;
  if (failUnder !== undefined && !(failUnder >= 0 && failUnder <= 100)) throw new CliError("--fail-under takes a number from 0 to 100", 2);
  const isJson = flags.json === true;
  const log = (line: string) => console.error(line);

  const database = await openDatabase({ log: isJson ? () => {} : log });
  try {
    const pool = getPool();
    const accounts = await pool.query<ScoreRow>(
      // Accounts known only from imported records are listed once they have a score.
      `SELECT a.id AS account_id, a.name, s.taken_at, s.score, s.risk_adjusted_score, s.coverage, s.domains, s.checklist_version,
              s.evidence_as_of, s.sources
       FROM accounts a
       LEFT JOIN LATERAL (SELECT * FROM score_snapshots WHERE account_id = a.id ORDER BY day DESC LIMIT 1) s ON true
       WHERE (a.status <> 'data_only' OR s.taken_at IS NOT NULL) AND ($1::text IS NULL OR a.id = $1)
       ORDER BY a.id`,
      [accountId ?? null],
    );
    if (accountId && accounts.rows.length === 0) throw new CliError(`no account ${accountId} is registered`, 1);
    const items = await pool.query<ItemRow>(
      `SELECT account_id, item_id, domain, status, passing, total, reason, evidence FROM checklist_results
       WHERE ($1::text IS NULL OR account_id = $1) ORDER BY account_id, domain, item_id`,
      [accountId ?? null],
    );
    const report = accounts.rows.map((account) => ({
      accountId: account.account_id,
      name: account.name,
      scoredAt: account.taken_at,
      score: account.score,
      riskAdjustedScore: account.risk_adjusted_score,
      coverage: account.coverage,
      checklistVersion: account.checklist_version,
      evidenceAsOf: account.evidence_as_of,
      evidence: describeEvidenceOrigin(account.sources ?? [], account.evidence_as_of),
      sources: account.sources ?? [],
      domains: account.domains,
      items: items.rows
        .filter((row) => row.account_id === account.account_id)
        .map(parseStoredItemResult)
        .map((item) => ({
          itemId: item.itemId,
          domain: item.domain,
          status: item.status,
          riskAdjustedStatus: item.riskAdjusted.status,
          passing: item.passing ?? null,
          total: item.total ?? null,
          reason: item.reason,
          missingSources: item.missingSources ?? [],
          accepted: item.accepted ?? null,
          evidence: item.evidence.map((ref) => `${ref.kind}:${ref.id}`),
        })),
    }));

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
            if (item.evidence.length > 0) console.log(`           evidence: ${item.evidence.slice(0, 5).join(", ")}${item.evidence.length > 5 ? ` (+${item.evidence.length - 5})` : ""}`);
          }
        }
      }
      if (report.some((account) => account.score === null)) console.log("n/a = not scored yet, or no checklist item had evidence (see coverage)");
    }
    if (failUnder !== undefined) {
      const below = report.filter((account) => account.score === null || account.score < failUnder);
      if (below.length > 0) {
        console.error(`parapet: ${below.length} account(s) below ${failUnder}: ${below.map((account) => `${account.accountId} (${fmt(account.score)})`).join(", ")}`);
        return 4;
      }
    }
    return 0;
  } finally {
    await closeDb();
    await database.stop();
  }
}
