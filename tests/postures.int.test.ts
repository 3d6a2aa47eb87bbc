import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import type { AccountScore } from "@/lib/checklist/types";
import { scoreAccount } from "@/lib/data/scores/score-account";
import { FLAWS, startSimulator, type Simulator } from "@/sim/index";
import { collectAll, registerSimAccounts, simRuntime } from "./support/collect-all";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * The simulator gives each account a posture and a list of flaws, each visible in Security
 * Hub, GuardDuty and CloudTrail. After a real collection and scoring, the scores must order
 * the postures, coverage must drop where a source is off, and every injected flaw must show
 * up as a failing checklist item mapped to the control that flaw fails.
 */
let database: TestDatabase;
let sim: Simulator;
const scores = new Map<string, AccountScore>();

beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startSimulator({ port: 0, accounts: 12, regions: ["us-east-1", "eu-west-1"], seed: "parapet" });
  await registerSimAccounts(database.pool, sim);
  await collectAll(simRuntime(database.pool, sim), sim);
  const now = new Date();
  for (const account of sim.org.accounts) {
    scores.set(account.id, await scoreAccount(account.id, now, database.pool));
  }
});

afterAll(async () => {
  await sim?.close();
  await database?.drop();
});

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe("simulated postures land where they should", () => {
  test("well-run accounts score clearly higher than neglected ones", () => {
    const byPosture = (postures: string[]) =>
      sim.org.accounts.filter((account) => postures.includes(account.posture)).map((account) => scores.get(account.id)!.score ?? 0);
    const strong = byPosture(["exemplary", "good"]);
    const weak = byPosture(["weak", "neglected"]);
    expect(strong.length).toBeGreaterThan(0);
    expect(weak.length).toBeGreaterThan(0);
    expect(mean(strong) - mean(weak)).toBeGreaterThan(25);
    expect(Math.min(...strong)).toBeGreaterThan(Math.max(...weak) - 10);
  });

  test("an account with Security Hub off has lower coverage than every account with all sources on", () => {
    const off = sim.org.accounts.filter((account) => !account.services.securityhub);
    const on = sim.org.accounts.filter(
      (account) => account.services.securityhub && account.services.guardduty && account.services.cloudtrail,
    );
    expect(off.length).toBeGreaterThan(0);
    const minOn = Math.min(...on.map((account) => scores.get(account.id)!.coverage ?? 0));
    for (const account of off) {
      expect(scores.get(account.id)!.coverage ?? 0, `${account.name} coverage`).toBeLessThan(minOn);
    }
  });

  test("every injected flaw fails the checklist item mapped to its control", () => {
    const missed: string[] = [];
    let checked = 0;
    for (const account of sim.org.accounts) {
      if (!account.services.securityhub) continue;
      const score = scores.get(account.id)!;
      for (const flawKey of account.flaws) {
        const flaw = FLAWS.find((candidate) => candidate.key === flawKey)!;
        const items = CHECKLIST_ITEMS.filter((item) => item.controlIds.some((control) => flaw.failingControls.includes(control)));
        if (items.length === 0) continue;
        checked++;
        const statuses = items.map((item) => score.items.find((result) => result.itemId === item.id)!.status);
        if (!statuses.some((status) => status === "fail" || status === "partial")) {
          missed.push(`${account.name} ${flawKey} -> ${items.map((item, index) => `${item.id}:${statuses[index]}`).join(",")}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
    expect(missed).toEqual([]);
  });

  test("a flawless control-based item passes in an exemplary account", () => {
    const exemplary = sim.org.accounts.find((account) => account.posture === "exemplary" && account.services.securityhub);
    expect(exemplary).toBeDefined();
    const score = scores.get(exemplary!.id)!;
    const passing = score.items.filter((item) => item.status === "pass");
    expect(passing.length).toBeGreaterThan(10);
    const failingMapped = score.items.filter(
      (item) =>
        item.status === "fail" &&
        CHECKLIST_ITEMS.find((definition) => definition.id === item.itemId)!.controlIds.some((control) =>
          FLAWS.filter((flaw) => !exemplary!.flaws.includes(flaw.key)).some((flaw) => flaw.failingControls.includes(control)),
        ),
    );
    expect(failingMapped.map((item) => `${item.itemId}: ${item.reason}`)).toEqual([]);
  });
});
