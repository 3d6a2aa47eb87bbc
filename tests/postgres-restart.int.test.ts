import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { makeQueueUtils, migrateQueue, waitForQueueIdle } from "@/lib/jobs/queue";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@/lib/pg/embedded";
import { ensureDatabase, migrateDatabase } from "@/lib/pg/migrate";
import { startSimulator, type Simulator } from "@/sim/index";
import { collectAll, registerSimAccounts, simRuntime } from "./support/collect-all";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startWorkerProcess } from "./support/worker-process";

/**
 * PostgreSQL restarted under a running worker: the jobs in flight fail, the queue retries
 * them, and the collection converges to the rows of an uninterrupted run. Uses a cluster
 * of its own, since the shared test cluster cannot be restarted under other files.
 */
let sim: Simulator;
let reference: TestDatabase;
let dataDir: string;
let cluster: EmbeddedPostgres;
let port: number;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, accounts: 3, regions: ["us-east-1", "eu-west-1"], seed: "pg-restart" });
  reference = await createTestDatabase();
  await registerSimAccounts(reference.pool, sim);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "parapet-restart-"));
  cluster = await startEmbeddedPostgres({ dataDir, port: 0, ephemeral: true });
  port = cluster.port;
  await ensureDatabase(cluster.url, "parapet");
  await migrateDatabase(cluster.urlFor("parapet"));
  const pool = new pg.Pool({ connectionString: cluster.urlFor("parapet") });
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  await migrateQueue(pool);
  await registerSimAccounts(pool, sim);
  await pool.end();
});

afterAll(async () => {
  await cluster?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await sim?.close();
  await reference?.drop();
});

async function findingKeys(pool: pg.Pool): Promise<string[]> {
  const rows = await pool.query<{ key: string }>(
    "SELECT concat_ws('|', source, source_id, account_id, region, status, source_updated_at::text) AS key FROM findings ORDER BY 1",
  );
  return rows.rows.map((row) => row.key);
}

describe("PostgreSQL restarted during a collection", () => {
  test("the worker survives, the jobs are retried, and the rows equal an uninterrupted run", async () => {
    const url = cluster.urlFor("parapet");
    const started = await startWorkerProcess(url, sim);
    const worker = started.child;
    const queuePool = new pg.Pool({ connectionString: url });
    queuePool.on("error", () => {});
    queuePool.on("connect", (client) => client.on("error", () => {}));
    const utils = await makeQueueUtils(queuePool);
    await utils.addJob("schedule-collection-sweep", { trigger: "restart-test" }, { jobKey: "collection-sweep" });
    await utils.release();
    await queuePool.end();

    await new Promise((resolve) => setTimeout(resolve, 1500));
    await cluster.stop();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    cluster = await startEmbeddedPostgres({ dataDir, port, ephemeral: true });
    expect(worker.exitCode, started.output().slice(-3000)).toBeNull();

    const pool = new pg.Pool({ connectionString: url });
    pool.on("error", () => {});
    pool.on("connect", (client) => client.on("error", () => {}));
    try {
      // Jobs that failed with the restart come back after graphile-worker's backoff; run
      // a fresh sweep too, as the cron would.
      const again = await makeQueueUtils(pool);
      await again.addJob("schedule-collection-sweep", { trigger: "restart-test" }, { jobKey: "collection-sweep" });
      await again.release();
      await waitForQueueIdle(pool, { timeoutMs: 180_000 });
      const exited = new Promise<number | null>((resolve) => worker.once("exit", resolve));
      worker.kill("SIGTERM");
      expect(await exited).toBe(0);

      await collectAll(simRuntime(reference.pool, sim), sim);
      const expected = await findingKeys(reference.pool);
      const actual = await findingKeys(pool);
      expect(actual.length).toBeGreaterThan(0);
      expect(actual).toEqual(expected);
      // The restart really hit running collections, which were closed and redone.
      const interrupted = await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM collection_runs WHERE error LIKE 'interrupted:%'",
      );
      expect(interrupted.rows[0]!.n).toBeGreaterThanOrEqual(1);
      const running = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM collection_runs WHERE status = 'running'");
      expect(running.rows[0]!.n).toBe(0);
    } finally {
      await pool.end();
    }
  });
});
