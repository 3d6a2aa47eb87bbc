import type pg from "pg";
import { collectAccount } from "@/lib/collect/collect-account";
import { scoreAccount } from "@/lib/data/scores/score-account";
import { createWorkerRuntime } from "@/lib/jobs/worker-runtime";
import { type IsoWeek, lastCompleteIsoWeek, shiftIsoWeek } from "@/lib/reports/iso-week";
import { startSimulator, type Simulator } from "@/sim/index";
import { registerSimAccounts } from "./collect-all";

const HOUR_MS = 60 * 60 * 1000;

/**
 * A simulated organisation with `weeks` weeks of history ending in the last complete week:
 * one collection and score on the Monday of each week, and a second one on the last
 * week's Saturday (so that week has a first and a last snapshot), all on the simulator's
 * clock, through the real SDK.
 */
export async function buildReportHistory(
  pool: pg.Pool,
  options: { accounts: number; weeks: number },
): Promise<{ sim: Simulator; week: IsoWeek }> {
  const week = lastCompleteIsoWeek(new Date());
  const first = shiftIsoWeek(week, -(options.weeks - 1));
  const sim = await startSimulator({
    port: 0,
    accounts: options.accounts,
    regions: ["us-east-1", "eu-west-1"],
    seed: "parapet",
    now: new Date(first.start.getTime() + 12 * HOUR_MS),
  });
  await registerSimAccounts(pool, sim);
  const runtime = createWorkerRuntime({
    pool,
    log: () => {},
    aws: { endpoint: sim.url, baseCredentials: sim.baseCredentials, maxAttempts: 8 },
    now: () => sim.now(),
  });
  const collectAndScore = async () => {
    await Promise.all(
      sim.org.accounts.map((account) =>
        collectAccount(
          runtime.collectDeps(),
          { accountId: account.id, roleArn: account.roleArn, externalId: account.externalId, regions: account.regions },
          "test",
        ),
      ),
    );
    for (const account of sim.org.accounts) await scoreAccount(account.id, sim.now(), pool);
  };
  await collectAndScore();
  for (let index = 1; index < options.weeks; index++) {
    sim.advanceTime(7 * 24 * HOUR_MS);
    await collectAndScore();
  }
  sim.advanceTime(5 * 24 * HOUR_MS); // Saturday noon of the last week
  await collectAndScore();
  runtime.roles.destroy();
  return { sim, week };
}

/** A small RFC 4180 parser for the tests (quoted cells, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && body[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell !== "" || row.length) rows.push([...row, cell]);
  return rows;
}
