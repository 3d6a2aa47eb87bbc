import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { rollUpOrgScore } from "@/lib/checklist/roll-up-org-score";
import { findAccountOverview } from "@/lib/data/overview/find-account-overview";
import { findNewThreatsByDay } from "@/lib/data/overview/find-new-threats-by-day";
import { findOrgScoreTrend } from "@/lib/data/overview/find-org-score-trend";
import { scoreAccount } from "@/lib/data/scores/score-account";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The overview's read model: the scoring transaction stores, with each day's snapshot, the
 * account's active finding counts (the explorer's default view) and its pooled weights; the
 * overview reads those instead of the findings.
 */

const ACCOUNT = "444444444444";
const ADMIN: SessionUser = { id: "1", email: "admin@example.com", role: "admin", scope: { all: true } };
let database: TestDatabase;

async function addFinding(values: {
  id: string;
  source: "guardduty" | "securityhub";
  label: string;
  status?: string;
  linked?: string;
  compliance?: string;
  firstSeen?: Date;
}) {
  await database.pool.query(
    `INSERT INTO findings (source, source_id, account_id, region, type, title, severity, severity_label, status, compliance_status, first_seen_at, last_seen_at, source_updated_at, raw, linked_guardduty_id)
     VALUES ($1, $2, $3, 'us-east-1', 'Test:Type/Case', $2, 50, $4, $5, $6, $7, now(), now(), '{}', $8)`,
    [
      values.source,
      values.id,
      ACCOUNT,
      values.label,
      values.status ?? "active",
      values.compliance ?? null,
      values.firstSeen ?? new Date(),
      values.linked ?? null,
    ],
  );
}

async function scoreNow() {
  return scoreAccount(ACCOUNT, new Date(), database.pool);
}

beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query("INSERT INTO accounts (id, name, regions, status) VALUES ($1, 'read-model', '{us-east-1}', 'active')", [
    ACCOUNT,
  ]);
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  await addFinding({ id: "gd-critical", source: "guardduty", label: "CRITICAL" });
  await addFinding({ id: "sh-critical", source: "securityhub", label: "CRITICAL", compliance: "FAILED" });
  await addFinding({ id: "gd-high-archived", source: "guardduty", label: "HIGH", status: "archived" });
  await addFinding({ id: "sh-high", source: "securityhub", label: "HIGH", compliance: "FAILED" });
  await addFinding({ id: "sh-high-copy", source: "securityhub", label: "HIGH", linked: "gd-critical" });
  await addFinding({ id: "sh-medium-passed", source: "securityhub", label: "MEDIUM", compliance: "PASSED" });
  await addFinding({ id: "gd-low-old", source: "guardduty", label: "LOW", firstSeen: twoDaysAgo });
});

afterAll(async () => {
  await database.drop();
});

describe("the daily snapshot as the overview's read model", () => {
  test("stores the active counts by severity (no Security Hub copies, no PASSED controls, no archived) and the pooled weights", async () => {
    const score = await scoreNow();
    const { rows } = await database.pool.query(
      `SELECT active_critical, active_high, active_medium, active_low, active_informational,
              earned_weight, risk_adjusted_earned_weight, weight_with_data, weight_applicable
       FROM score_snapshots WHERE account_id = $1`,
      [ACCOUNT],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ active_critical: 2, active_high: 1, active_medium: 0, active_low: 1, active_informational: 0 });
    const sum = (key: "earnedWeight" | "riskAdjustedEarnedWeight" | "weightWithData" | "weightApplicable") =>
      Object.values(score.domains).reduce((total, domain) => total + domain[key], 0);
    expect(rows[0].earned_weight).toBeCloseTo(sum("earnedWeight"), 9);
    expect(rows[0].risk_adjusted_earned_weight).toBeCloseTo(sum("riskAdjustedEarnedWeight"), 9);
    expect(rows[0].weight_with_data).toBeCloseTo(sum("weightWithData"), 9);
    expect(rows[0].weight_applicable).toBeCloseTo(sum("weightApplicable"), 9);
    expect(rows[0].weight_applicable).toBeGreaterThan(0);
  });

  test("a later scoring the same day replaces the counts; the overview and the org trend read them", async () => {
    await addFinding({ id: "sh-high-2", source: "securityhub", label: "HIGH", compliance: "FAILED" });
    await database.pool.query("UPDATE findings SET status = 'resolved' WHERE source_id = 'sh-critical'");
    const score = await scoreNow();
    const [overview] = await findAccountOverview(ADMIN);
    expect(overview).toMatchObject({ id: ACCOUNT, critical: 1, high: 2, medium: 0, low: 1, informational: 0 });
    const trend = await findOrgScoreTrend(ADMIN);
    expect(trend).toHaveLength(1);
    const rolled = rollUpOrgScore([score]);
    expect(trend[0]).toMatchObject({ score: rolled.score, coverage: rolled.coverage, accounts: 1 });
  });

  test("new critical/high GuardDuty threats by day count by first-seen day, archived or not", async () => {
    const days = await findNewThreatsByDay(ADMIN, 3);
    expect(days.map((day) => [day.critical, day.high])).toEqual([
      [0, 0],
      [0, 0],
      [1, 1],
    ]);
  });
});
