import { z } from "zod";
import { parseFlags } from "@/cli/args";
import { CliError } from "@/cli/cli-error";
import { openDatabase } from "@/cli/database";
import { registerSimAccounts } from "@/cli/register-sim-accounts";
import { closeDb, getPool } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { findRunsSince } from "@/lib/data/runs/find-runs-since";
import { COLLECTION_SWEEP_JOB_KEY } from "@/lib/jobs/definitions/schedule-collection-sweep";
import { enqueue } from "@/lib/jobs/enqueue";
import { migrateQueue, startSupervisedQueueWorker, waitForQueueIdle } from "@/lib/jobs/queue";
import { createWorkerRuntime } from "@/lib/jobs/worker-runtime";
import { TASKS } from "@/workers/registry";

const ZSimOrg = z.object({
  accounts: z.array(
    z.object({ id: z.string(), name: z.string(), roleArn: z.string(), externalId: z.string(), regions: z.array(z.string()) }),
  ),
});

/** Fetches the simulator's organisation and registers its accounts (role ARN, ExternalId, regions). */
export async function registerAccountsFromSim(simUrl: string): Promise<number> {
  let body: unknown;
  try {
    const response = await fetch(new URL("/_sim/org", simUrl));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    throw new CliError(
      `cannot read the simulator's organisation at ${simUrl}/_sim/org: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const org = ZSimOrg.parse(body);
  return registerSimAccounts(getPool(), org.accounts, "parapet-cli");
}

/**
 * `parapet collect --once`: one full collection of every registered account through the
 * same queue and job code as the worker, then exit. Exit code 0 when every account was
 * collected completely, 3 when some account or region/source failed (details printed).
 */
export async function runCollect(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { once: "boolean", "accounts-from-sim": "string" });
  if (!flags.once) throw new CliError("only `collect --once` is supported; the worker (`parapet worker`) collects on a schedule", 2);
  const env = getEnv();
  const log = (line: string) => console.log(line);
  const database = await openDatabase({ log });
  const pool = getPool();
  const simUrl = typeof flags["accounts-from-sim"] === "string" ? flags["accounts-from-sim"] : undefined;
  try {
    await migrateQueue(pool, log);
    if (simUrl) log(`registered ${await registerAccountsFromSim(simUrl)} accounts from the simulator at ${simUrl}`);
    const started = new Date();
    const runtime = createWorkerRuntime({
      pool,
      log,
      ...(simUrl && !env.AWS_ENDPOINT_URL ? { aws: { endpoint: simUrl } } : {}),
    });
    const runner = await startSupervisedQueueWorker({ runtime, concurrency: env.PARAPET_WORKER_CONCURRENCY, tasks: TASKS, cron: [] });
    try {
      await enqueue(pool, "schedule-collection-sweep", { trigger: "manual" }, { jobKey: COLLECTION_SWEEP_JOB_KEY });
      await waitForQueueIdle(pool, { timeoutMs: 60 * 60_000 });
    } finally {
      await runner.stop();
      runtime.roles.destroy();
    }
    const runs = await findRunsSince(pool, started);
    for (const run of runs) {
      const stats = run.stats;
      log(
        `${run.accountId}  ${run.status.padEnd(9)} fetched ${stats.fetched ?? 0}, new ${stats.inserted ?? 0}, updated ${stats.updated ?? 0}${run.error ? `  ${run.error}` : ""}`,
      );
    }
    const failures = runs.filter((run) => run.status !== "succeeded");
    log(`collected ${runs.length} accounts in ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s; ${failures.length} with errors`);
    return failures.length === 0 ? 0 : 3;
  } finally {
    await closeDb();
    await database.stop();
  }
}
