import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { scoreEvidence } from "@/lib/checklist/score-evidence";
import type { AccountScore } from "@/lib/checklist/types";
import { loadAccountEvidence } from "@/lib/data/checklist/load-account-evidence";
import { scoreAccount } from "@/lib/data/scores/score-account";
import { startSimulator, type Simulator } from "@/sim/index";
import { collectAll, registerSimAccounts, simRuntime } from "./support/collect-all";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The demo organisation tried as a new user would, without `npm run demo`: the same
 * simulated org, collected and scored through the production path. Expectations come from
 * the simulator's own account definitions (posture, flaws), not from Parapet's code:
 * - IAM-05 fails exactly where a successful sign-in lacked MFA: the simulator writes those
 *   only for the "console-users-no-mfa" and "no-root-mfa" flaws; every other account's
 *   users sign in with MFA (and also fail some sign-ins, which must not count);
 * - exemplary accounts with every source on reach coverage of at least 90%.
 */
let database: TestDatabase;
let sim: Simulator;
const scores = new Map<string, AccountScore>();

beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startSimulator({ port: 0, accounts: 12, regions: ["us-east-1", "eu-west-1"], seed: "parapet" });
  await registerSimAccounts(database.pool, sim);
  await collectAll(simRuntime(database.pool, sim), sim);
  const now = sim.now();
  for (const account of sim.org.accounts) {
    scores.set(account.id, scoreEvidence(await loadAccountEvidence(database.pool, account.id, now)));
  }
});

afterAll(async () => {
  await sim?.close();
  await database?.drop();
});

describe("the demo organisation", () => {
  test("IAM-05 fails only where a successful sign-in lacked MFA", async () => {
    const failedSignIns = await database.pool.query<{ account_id: string; n: string }>(
      `SELECT account_id, count(*) AS n FROM cloudtrail_events
       WHERE event_name = 'ConsoleLogin' AND raw->'responseElements'->>'ConsoleLogin' = 'Failure' GROUP BY account_id`,
    );
    const withFailures = new Set(failedSignIns.rows.map((row) => row.account_id));
    const outcomes = sim.org.accounts
      .filter((account) => account.services.cloudtrail)
      .map((account) => {
        const lacksMfa = account.flaws.includes("console-users-no-mfa") || account.flaws.includes("no-root-mfa");
        return {
          name: account.name,
          expected: lacksMfa ? "fail" : "pass",
          actual: scores.get(account.id)!.items.find((item) => item.itemId === "IAM-05")!.status,
          hasFailures: withFailures.has(account.id),
        };
      });
    expect(outcomes.filter((outcome) => outcome.expected === "pass").length).toBeGreaterThan(3);
    // The defect this guards against: failed sign-ins (MFAUsed = "No") counted as sign-ins.
    expect(outcomes.filter((outcome) => outcome.expected === "pass" && outcome.hasFailures).length).toBeGreaterThan(0);
    expect(outcomes.map((outcome) => `${outcome.name}: ${outcome.actual}`)).toEqual(
      outcomes.map((outcome) => `${outcome.name}: ${outcome.expected}`),
    );
  });

  test("exemplary accounts with every source on reach coverage of at least 90%", () => {
    const exemplary = sim.org.accounts.filter(
      (account) =>
        account.posture === "exemplary" && account.services.securityhub && account.services.guardduty && account.services.cloudtrail,
    );
    expect(exemplary.length).toBeGreaterThan(0);
    for (const account of exemplary) {
      const score = scores.get(account.id)!;
      const noData = score.items.filter((item) => item.status === "no_data").map((item) => `${item.itemId}: ${item.reason}`);
      expect(score.coverage ?? 0, `${account.name} coverage; no_data items:\n${noData.join("\n")}`).toBeGreaterThanOrEqual(90);
    }
  });

  test("every score says how fresh its evidence is", () => {
    for (const score of scores.values()) {
      expect(score.evidenceAsOf).toBeInstanceOf(Date);
      expect(score.sources!.length).toBeGreaterThan(0);
    }
  });

  test("an account that went dark loses coverage instead of keeping its figures", async () => {
    const account = sim.org.accounts.find((candidate) => candidate.posture === "exemplary" && candidate.services.securityhub)!;
    // Nothing read for three days (the role now fails, so no cursor moves): past the 48-hour limit.
    await database.pool.query("UPDATE source_cursors SET updated_at = updated_at - interval '3 days' WHERE account_id = $1", [account.id]);
    const dark = await scoreAccount(account.id, sim.now(), database.pool);
    expect(scores.get(account.id)!.coverage).toBeGreaterThanOrEqual(90);
    expect(dark.coverage).toBe(0);
    expect(dark.score).toBeNull();
    expect(dark.sources!.every((source) => source.state === "stale")).toBe(true);
    const stored = await database.pool.query<{ coverage: number; evidence_as_of: Date | null }>(
      "SELECT coverage, evidence_as_of FROM score_snapshots WHERE account_id = $1 ORDER BY day DESC LIMIT 1",
      [account.id],
    );
    expect(stored.rows[0]).toEqual({ coverage: 0, evidence_as_of: null });
  });
});
