import { parseFlags } from "@/cli/args";
import { openDatabase } from "@/cli/database";
import { closeDb, getPool } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { listCronEntries } from "@/lib/jobs/define-job";
import { EVENT_PARTITIONS_JOB_KEY } from "@/lib/jobs/definitions/maintain-event-partitions";
import { REPORT_SWEEP_JOB_KEY } from "@/lib/jobs/definitions/schedule-report-sweep";
import { enqueue } from "@/lib/jobs/enqueue";
import { migrateQueue, startSupervisedQueueWorker } from "@/lib/jobs/queue";
import { createWorkerRuntime } from "@/lib/jobs/worker-runtime";
import { onShutdown, surviveDatabaseOutages } from "@/cli/shutdown";
import { TASKS } from "@/workers/registry";

/** The long-running worker: every registered task, and the cron entries they declare (the collection sweep on PARAPET_COLLECT_SCHEDULE). */
export async function runWorker(argv: string[]): Promise<number> {
  parseFlags(argv, {});
  const env = getEnv();
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  surviveDatabaseOutages(log);
  const database = await openDatabase({ log });
  const pool = getPool();
  await migrateQueue(pool, log);
  const runtime = createWorkerRuntime({ pool, log });
  const runner = await startSupervisedQueueWorker({
    runtime,
    concurrency: env.PARAPET_WORKER_CONCURRENCY,
    tasks: TASKS,
    cron: listCronEntries(TASKS, env),
  });
  // Weekly reports missed while no worker ran are caught up now, not at the next cron tick.
  await enqueue(pool, "schedule-report-sweep", { trigger: "worker-start" }, { jobKey: REPORT_SWEEP_JOB_KEY });
  // A worker that was down at 02:17 (or across a month boundary) brings the partitions up to date now.
  await enqueue(pool, "maintain-event-partitions", { trigger: "worker-start" }, { jobKey: EVENT_PARTITIONS_JOB_KEY });
  log(`worker started: concurrency ${env.PARAPET_WORKER_CONCURRENCY}, collection sweep "${env.PARAPET_COLLECT_SCHEDULE}"`);
  await new Promise<void>((resolve) => {
    onShutdown(async (signal) => {
      log(`${signal}: finishing running jobs, then stopping`);
      await runner.stop();
      runtime.roles.destroy();
      await closeDb();
      await database.stop();
      resolve();
    });
  });
  return 0;
}
