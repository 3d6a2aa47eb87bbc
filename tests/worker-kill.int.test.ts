import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { makeQueueUtils, waitForQueueIdle } from "@/lib/jobs/queue";
import { startSimulator, type Simulator } from "@/sim/index";
import { collectAll, registerSimAccounts, simRuntime } from "./support/collect-all";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startWorkerProcess } from "./support/worker-process";

/**
 * The worker is killed with SIGKILL at random moments of a collection, again and again,
 * then allowed to finish. The database must end with exactly the rows an uninterrupted
 * collection of the same simulated organisation stores: nothing lost, nothing doubled.
 */
const KILLS = 6;
let reference: TestDatabase;
let killed: TestDatabase;
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, accounts: 4, regions: ["us-east-1", "eu-west-1"], seed: "kill-loop" });
  reference = await createTestDatabase();
  killed = await createTestDatabase();
  await registerSimAccounts(reference.pool, sim);
  await registerSimAccounts(killed.pool, sim);
});

afterAll(async () => {
  await sim?.close();
  await reference?.drop();
  await killed?.drop();
});

async function queueSweep(pool: pg.Pool) {
  const utils = await makeQueueUtils(pool);
  await utils.addJob("schedule-collection-sweep", { trigger: "kill-test" }, { jobKey: "collection-sweep" });
  return utils;
}

/** Snapshot of everything collection writes, as comparable strings. */
async function collectedRows(pool: pg.Pool) {
  const query = async (sql: string) => (await pool.query<{ row: string }>(sql)).rows.map((row) => row.row);
  return {
    findings: await query(
      "SELECT concat_ws('|', source, source_id, account_id, region, status, severity, source_updated_at::text, md5(raw::text)) AS row FROM findings ORDER BY 1",
    ),
    events: await query("SELECT concat_ws('|', event_id, account_id, region, event_name) AS row FROM cloudtrail_events ORDER BY 1"),
    trails: await query("SELECT concat_ws('|', account_id, trail_arn, is_logging::text) AS row FROM trails ORDER BY 1"),
    detectors: await query("SELECT concat_ws('|', account_id, region, detector_id, status) AS row FROM detectors ORDER BY 1"),
    hubs: await query("SELECT concat_ws('|', account_id, region, enabled::text) AS row FROM hubs ORDER BY 1"),
  };
}

describe("a worker killed at random moments", () => {
  test(`after ${KILLS} kill -9s and one clean run, the rows equal an uninterrupted collection`, async () => {
    for (let round = 0; round < KILLS; round++) {
      const { child: worker } = await startWorkerProcess(killed.url, sim);
      const utils = await queueSweep(killed.pool);
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(Math.random() * 2500)));
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.kill("SIGKILL");
      await exited;
      // The dead worker's locks would otherwise hold its jobs for graphile-worker's 4-hour timeout.
      const locked = await killed.pool.query<{ locked_by: string }>(
        "SELECT DISTINCT locked_by FROM graphile_worker.jobs WHERE locked_by IS NOT NULL",
      );
      if (locked.rows.length > 0) await utils.forceUnlockWorkers(locked.rows.map((row) => row.locked_by));
      await utils.release();
    }

    const { child: worker } = await startWorkerProcess(killed.url, sim);
    const utils = await queueSweep(killed.pool);
    await utils.release();
    await waitForQueueIdle(killed.pool, { timeoutMs: 120_000 });
    const exited = new Promise<number | null>((resolve) => worker.once("exit", resolve));
    worker.kill("SIGTERM");
    expect(await exited).toBe(0);

    const runs = await collectAll(simRuntime(reference.pool, sim), sim);
    expect(runs.every((run) => run.status === "succeeded")).toBe(true);

    const expected = await collectedRows(reference.pool);
    const actual = await collectedRows(killed.pool);
    expect(actual.findings.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);

    const running = await killed.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM collection_runs WHERE status = 'running'");
    expect(running.rows[0]!.n).toBe(0);
    // The kills really landed inside collections (else this test would prove nothing).
    const interrupted = await killed.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM collection_runs WHERE error LIKE 'interrupted:%'",
    );
    expect(interrupted.rows[0]!.n).toBeGreaterThanOrEqual(1);
  });
});
