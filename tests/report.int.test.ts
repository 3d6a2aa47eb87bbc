import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { createReport } from "@/lib/data/reports/create-report";
import { createUserReport } from "@/lib/data/reports/create-user-report";
import { findReports } from "@/lib/data/reports/find-reports";
import { getReportFile } from "@/lib/data/reports/get-report-file";
import { findOrgDomainScores } from "@/lib/data/scores/find-org-domain-scores";
import { findOrgFixFirst } from "@/lib/data/scores/find-org-fix-first";
import type { ReportData } from "@/lib/reports/report-model";
import type { Simulator } from "@/sim/index";
import type { IsoWeek } from "@/lib/reports/iso-week";
import { buildReportHistory, parseCsv } from "./support/report-history";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The weekly report over a simulated organisation with three weeks of history, checked
 * against the database: the PDF's text (pdftotext) and the CSV carry the org score,
 * coverage, account count, new-threat counts and top fixes the stored rows give, and the
 * same numbers the console's read models show for the same time. A user limited to two
 * accounts gets a report of those two only, and cannot read anyone else's.
 */
let database: TestDatabase;
let sim: Simulator;
let week: IsoWeek;
let data: ReportData;
let pdfText: string;
let csv: string[][];
const tmp = mkdtempSync(path.join(os.tmpdir(), "parapet-report-"));
const admin: SessionUser = {
  id: "00000000-0000-0000-0000-000000000001",
  email: "admin@example.test",
  role: "admin",
  scope: { all: true },
};

function pdfToText(pdf: Buffer, name: string): string {
  const file = path.join(tmp, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

const csvValue = (section: string, subject: string, metric: string) =>
  csv.find((row) => row[0] === section && row[1] === subject && row[3] === metric)?.[4];

/** The week's org figures worked out from the raw snapshot rows (Σ earned / Σ with data, Σ with data / Σ applicable). */
async function pooledFromDatabase(accountIds: string[] | null): Promise<{ score: number; coverage: number; accounts: number }> {
  const rows = await database.pool.query<{
    account_id: string;
    domains: Record<string, { earnedWeight: number; weightWithData: number; weightApplicable: number }>;
  }>(
    `SELECT DISTINCT ON (account_id) account_id, domains FROM score_snapshots
     WHERE day >= $1::date AND day < $2::date AND ($3::text[] IS NULL OR account_id = ANY($3)) ORDER BY account_id, day DESC`,
    [week.start.toISOString().slice(0, 10), week.end.toISOString().slice(0, 10), accountIds],
  );
  let earned = 0;
  let withData = 0;
  let applicable = 0;
  for (const row of rows.rows) {
    for (const domain of Object.values(row.domains)) {
      earned += domain.earnedWeight;
      withData += domain.weightWithData;
      applicable += domain.weightApplicable;
    }
  }
  return {
    score: Math.round((1000 * earned) / withData) / 10,
    coverage: Math.round((1000 * withData) / applicable) / 10,
    accounts: rows.rows.length,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ sim, week } = await buildReportHistory(database.pool, { accounts: 8, weeks: 3 }));
  const report = await createReport(database.pool, { scope: { all: true }, week, paper: "a4", generatedBy: "test" });
  const stored = await database.pool.query<{ data: ReportData }>("SELECT data FROM reports WHERE id = $1", [report.id]);
  data = stored.rows[0]!.data;
  pdfText = pdfToText(report.pdf, "org");
  csv = parseCsv(report.csv.toString("utf8"));
  console.log(`report files in ${tmp}`);
}, 600_000);

afterAll(async () => {
  await sim?.close();
  await database?.drop();
});

describe("the org report agrees with the database", () => {
  test("org score, coverage and account count: pooled from each account's last snapshot of the week", async () => {
    const { score, coverage, accounts } = await pooledFromDatabase(null);
    expect(accounts).toBe(8);
    expect(data.org.score).toBe(score);
    expect(data.org.coverage).toBe(coverage);
    expect(data.org.accountsAssessed).toBe(8);
    expect(data.org.accountsInScope).toBe(8);

    // The console's read model (latest snapshots = the week's last ones here) says the same.
    const console_ = await findOrgDomainScores(admin);
    expect(console_.score).toBe(score);
    expect(console_.coverage).toBe(coverage);

    expect(pdfText).toMatch(new RegExp(`Security score[\\s\\S]{0,400}${score.toFixed(1).replace(".", "\\.")}`, "i"));
    expect(pdfText).toContain(`${coverage.toFixed(1)}%`);
    expect(pdfText).toMatch(/Accounts assessed[\s\S]{0,300}8\s*\/\s*8/i);
    expect(Number(csvValue("org", "org", "score"))).toBe(score);
    expect(Number(csvValue("org", "org", "coverage"))).toBe(coverage);
    expect(Number(csvValue("org", "org", "accounts_assessed"))).toBe(8);
  });

  test("new critical and high threats: GuardDuty findings first seen in the week", async () => {
    const counts = await database.pool.query<{ critical: number; high: number }>(
      `SELECT count(*) FILTER (WHERE severity_label = 'CRITICAL')::int AS critical, count(*) FILTER (WHERE severity_label = 'HIGH')::int AS high
       FROM findings WHERE source = 'guardduty' AND first_seen_at >= $1 AND first_seen_at < $2`,
      [week.start, week.end],
    );
    const { critical, high } = counts.rows[0]!;
    expect(critical + high).toBeGreaterThan(0);
    expect(data.threats.newCritical).toBe(critical);
    expect(data.threats.newHigh).toBe(high);
    expect(pdfText).toContain(`${critical} critical · ${high} high`);
    expect(Number(csvValue("threats", "org", "new_critical"))).toBe(critical);
    expect(Number(csvValue("threats", "org", "new_high"))).toBe(high);
  });

  test("top 5 fixes and their uplift equal the console's fix-first over the same evaluation", async () => {
    const console_ = await findOrgFixFirst(admin, 5);
    expect(data.topFixes.map((fix) => [fix.itemId, fix.uplift])).toEqual(console_.map((fix) => [fix.itemId, fix.uplift]));
    expect(data.topFixes).toHaveLength(5);
    for (const fix of data.topFixes) {
      expect(pdfText).toMatch(new RegExp(`${fix.itemId}[\\s\\S]{0,200}\\+${fix.uplift.toFixed(1).replace(".", "\\.")} points`));
      expect(Number(csvValue("top_fix", fix.itemId, "uplift"))).toBe(fix.uplift);
      expect(fix.remediation.length).toBeGreaterThan(10);
    }
  });

  test("12 weekly trend points, three with data; every page carries scope, period, freshness and its number", () => {
    expect(data.trend).toHaveLength(12);
    expect(data.trend.filter((point) => point.score !== null)).toHaveLength(3);
    expect(data.trend.at(-1)!.week).toBe(week.id);
    const pages = pdfText.split("\f").filter((page) => page.trim() !== "");
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page).toContain("Scope: Whole organisation");
      expect(page).toContain(week.id);
      expect(page).toContain("evidence as of");
      expect(page).toContain("Generated");
    });
    expect(pdfText).toMatch(/What AWS secures/i);
    expect(pdfText).toMatch(/What we must secure/i);
    expect(pdfText).toContain("Duties no AWS API can measure");
  });

  test("the CSV parses, has one header and six cells a row, and no cell starts a formula", () => {
    expect(csv[0]).toEqual(["section", "subject_id", "subject_name", "metric", "value", "detail"]);
    for (const row of csv) {
      expect(row).toHaveLength(6);
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(csv.filter((row) => row[0] === "trend" && row[3] === "score")).toHaveLength(12);
    expect(csv.filter((row) => row[0] === "domain" && row[3] === "score")).toHaveLength(8);
  });

  test("generating again makes version 2 and leaves version 1 as it was", async () => {
    const before = await database.pool.query<{ pdf: Buffer }>("SELECT pdf FROM reports WHERE week = $1 AND version = 1", [week.id]);
    const again = await createReport(database.pool, { scope: { all: true }, week, paper: "letter", generatedBy: "test" });
    expect(again.version).toBe(2);
    const after = await database.pool.query<{ pdf: Buffer }>("SELECT pdf FROM reports WHERE week = $1 AND version = 1", [week.id]);
    expect(after.rows[0]!.pdf.equals(before.rows[0]!.pdf)).toBe(true);
  });
});

describe("scoped reports", () => {
  test("a user limited to two accounts gets a report of those two only, and cannot read the org's", async () => {
    const [one, two] = sim.org.accounts.slice(0, 2);
    const others = sim.org.accounts.slice(2);
    const user: SessionUser = {
      id: "00000000-0000-0000-0000-000000000002",
      email: "two@example.test",
      role: "analyst",
      scope: { all: false, accountIds: [one!.id, two!.id], tags: [], ouIds: [] },
    };
    await expect(createUserReport(user, { week: week.id, scope: { all: true }, paper: "a4" })).rejects.toThrow(
      /within the accounts you can see/,
    );
    await expect(
      createUserReport(user, { week: week.id, scope: { all: false, accountIds: [one!.id, others[0]!.id], tags: [], ouIds: [] } }),
    ).rejects.toThrow(/within/);

    const report = await createUserReport(user, {
      week: week.id,
      scope: { all: false, accountIds: [one!.id, two!.id], tags: [], ouIds: [] },
      paper: "a4",
    });
    const pdf = await getReportFile(user, report.id, "pdf");
    const csvFile = await getReportFile(user, report.id, "csv");
    expect(pdf).not.toBeNull();
    const text = pdfToText(pdf!.body, "scoped");
    const rows = parseCsv(csvFile!.body.toString("utf8"));
    const mentioned = (body: string) =>
      sim.org.accounts
        .filter((account) => body.includes(account.id))
        .map((account) => account.id)
        .sort();
    expect(mentioned(text)).toEqual([one!.id, two!.id].sort());
    expect(mentioned(rows.map((row) => row.join(",")).join("\n"))).toEqual([one!.id, two!.id].sort());
    expect(text).toMatch(/Accounts assessed[\s\S]{0,300}2\s*\/\s*2/i);
    const expected = await pooledFromDatabase([one!.id, two!.id]);
    const stored = (await database.pool.query<{ data: ReportData }>("SELECT data FROM reports WHERE id = $1", [report.id])).rows[0]!.data;
    expect(stored.org.score).toBe(expected.score);
    expect(stored.org.coverage).toBe(expected.coverage);
    expect(text).toContain(`${expected.coverage.toFixed(1)}%`);

    // The org-wide report exists (made above) but is neither listed nor downloadable for this user.
    const listed = await findReports(user);
    expect(listed.map((row) => row.id)).toEqual([report.id]);
    const orgReport = await database.pool.query<{ id: string }>("SELECT id::text FROM reports WHERE scope_key = 'all' ORDER BY id LIMIT 1");
    expect(await getReportFile(user, orgReport.rows[0]!.id, "pdf")).toBeNull();
    expect(await getReportFile(admin, report.id, "csv")).not.toBeNull();

    const audit = await database.pool.query<{ action: string }>("SELECT action FROM audit_log WHERE actor_email = $1 ORDER BY id", [
      user.email,
    ]);
    expect(audit.rows.map((row) => row.action)).toEqual([
      "report.generate",
      "report.download_pdf",
      "report.download_csv",
      "report.download_refused",
    ]);
  });

  test("a tag-scoped analyst gets a report of an explicit list of their tagged accounts, and none that lists another account", async () => {
    const [one, two] = sim.org.accounts.slice(0, 2);
    const others = sim.org.accounts.slice(2);
    await database.pool.query(`UPDATE accounts SET tags = tags || '{"report-scope":"tagged"}'::jsonb WHERE id = ANY($1)`, [
      [one!.id, two!.id],
    ]);
    const user: SessionUser = {
      id: "00000000-0000-0000-0000-000000000003",
      email: "tagged@example.test",
      role: "analyst",
      scope: { all: false, accountIds: [], tags: [{ key: "report-scope", value: "tagged" }], ouIds: [] },
    };
    try {
      // An id list is judged against the accounts the tag resolves to now, not against the tag's terms.
      await expect(
        createUserReport(user, { week: week.id, scope: { all: false, accountIds: [one!.id, others[0]!.id], tags: [], ouIds: [] } }),
      ).rejects.toThrow(/within the accounts you can see/);
      await expect(
        createUserReport(user, { week: week.id, scope: { all: false, accountIds: [one!.id, "000000000000"], tags: [], ouIds: [] } }),
      ).rejects.toThrow(/within the accounts you can see/);
      const report = await createUserReport(user, {
        week: week.id,
        scope: { all: false, accountIds: [two!.id, one!.id], tags: [], ouIds: [] },
        paper: "a4",
      });
      const csvFile = await getReportFile(user, report.id, "csv");
      expect(csvFile, "the user can open the report they made").not.toBeNull();
      const named = sim.org.accounts.filter((account) => csvFile!.body.toString("utf8").includes(account.id)).map((account) => account.id);
      expect(named.sort()).toEqual([one!.id, two!.id].sort());
    } finally {
      await database.pool.query(`UPDATE accounts SET tags = tags - 'report-scope' WHERE id = ANY($1)`, [[one!.id, two!.id]]);
    }
  });
});
