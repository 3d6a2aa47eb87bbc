import "server-only";
import { EventEmitter } from "node:events";
import {
  Logger,
  makeWorkerUtils,
  run,
  runMigrations,
  type Runner,
  type TaskList,
  type WorkerEvents,
  type WorkerUtils,
} from "graphile-worker";
import type pg from "pg";
import type { CronEntry, JobContext, QueueTask } from "@/lib/jobs/define-job";
import type { WorkerRuntime } from "@/lib/jobs/worker-runtime";

/** graphile-worker's logger, quiet below warnings unless PARAPET asks for more. */
function makeLogger(log: (line: string) => void): Logger {
  return new Logger(() => (level, message) => {
    if (level === "error" || level === "warning") log(`queue ${level}: ${message}`);
  });
}

/** Wraps every task the worker command hands over: parse the payload, drop a bad one with a log line, run the handler. */
export function buildTaskList(runtime: WorkerRuntime, tasks: readonly QueueTask[]): TaskList {
  const list: TaskList = {};
  for (const task of tasks) {
    list[task.name] = async (payload, helpers) => {
      const context: JobContext = {
        runtime,
        log: runtime.log,
        attempt: helpers.job.attempts,
        enqueue: async (name, taskPayload, options) => {
          // graphile-worker types payloads by its own (empty) task map; JobContext typed this call already.
          const taskName: string = name;
          await helpers.addJob(taskName, taskPayload, {
            ...(options?.jobKey ? { jobKey: options.jobKey } : {}),
            ...(options?.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
            ...(options?.runAt ? { runAt: options.runAt } : {}),
          });
        },
      };
      const outcome = await task.run(payload, context);
      if (!outcome.isHandled) runtime.log(`job ${task.name} #${helpers.job.id}: invalid payload dropped: ${outcome.problem}`);
    };
  }
  return list;
}

/** graphile-worker's crontab text: one line per entry (`<schedule> <task> ?id=<identifier>&jobKey=<key>`). */
export function buildCrontab(entries: readonly CronEntry[]): string {
  return entries
    .map((entry) => `${entry.schedule} ${entry.task} ?id=${entry.identifier}${entry.jobKey ? `&jobKey=${entry.jobKey}` : ""}`)
    .join("\n");
}

export interface QueueWorkerOptions {
  runtime: WorkerRuntime;
  concurrency: number;
  /** The tasks this worker runs (the app's registry); a job whose name is not here is left to graphile-worker (logged, not retried forever). */
  tasks: readonly QueueTask[];
  /** Recurring jobs (see `listCronEntries`); empty = no schedule (tests, `collect --once`). */
  cron: readonly CronEntry[];
}

/** A started job runner and the id its worker pool writes into `locked_by` of the jobs it takes. */
export interface StartedQueueWorker {
  runner: Runner;
  poolIds: () => string[];
}

/** Starts the job runner; signals are handled by the caller (graceful shutdown of the whole process tree). */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<Runner> {
  return (await startTrackedQueueWorker(options)).runner;
}

async function startTrackedQueueWorker(options: QueueWorkerOptions): Promise<StartedQueueWorker> {
  const events: WorkerEvents = new EventEmitter();
  const poolIds = new Set<string>();
  events.on("pool:create", ({ workerPool }) => poolIds.add(workerPool.id));
  const runner = await run({
    events,
    pgPool: options.runtime.pool,
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: makeLogger(options.runtime.log),
    taskList: buildTaskList(options.runtime, options.tasks),
    ...(options.cron.length > 0 ? { crontab: buildCrontab(options.cron) } : {}),
  });
  return { runner, poolIds: () => [...poolIds] };
}

/**
 * Jobs a stopped runner still holds. graphile-worker records a job's end without awaiting
 * it, and gives up at once on a refused or reset connection, so a job whose end fell into a
 * PostgreSQL restart stays locked by that pool for graphile-worker's 4 hours (a week's
 * report would wait that long). Once the pool has stopped none of its jobs runs any more,
 * so unlocking them hands them back to the queue, which retries them as any failed job.
 */
async function unlockJobsOf(started: StartedQueueWorker, options: QueueWorkerOptions): Promise<void> {
  const ids = started.poolIds();
  if (ids.length === 0) return;
  const utils = await makeQueueUtils(options.runtime.pool, options.runtime.log);
  try {
    await utils.forceUnlockWorkers(ids);
  } finally {
    await utils.release();
  }
}

export interface SupervisedQueueWorker {
  /** Finishes the running jobs, then stops; no restart after this. */
  stop: () => Promise<void>;
  /**
   * The database went away while the runner was working (a background call of
   * graphile-worker failed on the connection): the runner is stopped once its jobs are
   * done, the jobs it could not release are unlocked, and a fresh runner starts when the
   * database answers. Calls during a recovery are folded into it.
   */
  recover: () => void;
}

/**
 * The job runner, restarted when it dies. graphile-worker's runner fails as a whole when
 * it loses the database at the wrong moment (e.g. PostgreSQL restarting while it records a
 * job's failure); the worker process must outlive that, so the runner is started again
 * with backoff until the database answers. Before each restart the jobs the old runner
 * still holds are unlocked (see unlockJobsOf). Jobs in flight are retried by the queue and
 * resume from their cursors.
 */
export async function startSupervisedQueueWorker(options: QueueWorkerOptions): Promise<SupervisedQueueWorker> {
  let isStopping = false;
  let current = await startTrackedQueueWorker(options);
  let wake: (() => void) | undefined;
  let isRecovering = false;
  const supervise = async () => {
    let delayMs = 1000;
    for (;;) {
      try {
        await current.runner.promise;
        if (isStopping) return;
        options.runtime.log(
          isRecovering
            ? "queue: restarting the job runner after losing the database"
            : "queue: the job runner stopped unexpectedly; restarting",
        );
      } catch (error) {
        if (isStopping) return;
        options.runtime.log(`queue: the job runner failed (${error instanceof Error ? error.message : String(error)}); restarting`);
      }
      const stopped = current;
      let isUnlocked = false;
      for (;;) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, delayMs);
        });
        if (isStopping) return;
        try {
          if (!isUnlocked) {
            await unlockJobsOf(stopped, options);
            isUnlocked = true;
          }
          current = await startTrackedQueueWorker(options);
          options.runtime.log("queue: job runner restarted");
          isRecovering = false;
          delayMs = 1000;
          break;
        } catch (error) {
          delayMs = Math.min(delayMs * 2, 30_000);
          options.runtime.log(
            `queue: cannot restart yet (${error instanceof Error ? error.message : String(error)}); next try in ${delayMs / 1000} s`,
          );
        }
      }
    }
  };
  const supervision = supervise();
  return {
    stop: async () => {
      isStopping = true;
      wake?.();
      await current.runner.stop().catch(() => {});
      await supervision;
    },
    recover: () => {
      if (isStopping || isRecovering) return;
      isRecovering = true;
      // Graceful: running jobs finish (or fail on the lost connection) first; the supervisor then unlocks and restarts.
      current.runner.stop("the database connection was lost").catch(() => {});
    },
  };
}

/** Creates or upgrades graphile-worker's own schema (graphile_worker.*). */
export async function migrateQueue(pool: pg.Pool, log: (line: string) => void = () => {}): Promise<void> {
  await runMigrations({ pgPool: pool, logger: makeLogger(log) });
}

export async function makeQueueUtils(pool: pg.Pool, log: (line: string) => void = () => {}): Promise<WorkerUtils> {
  return makeWorkerUtils({ pgPool: pool, logger: makeLogger(log) });
}

/**
 * Waits until no job is queued, running or waiting to retry (for `collect --once` and the
 * demo's first collection). Jobs scheduled for later and never tried yet (a rescoring at
 * a risk acceptance's expiry) are not waited for.
 */
export async function waitForQueueIdle(pool: pg.Pool, options: { timeoutMs: number; pollMs?: number }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const result = await pool.query<{ pending: string; failed: string }>(
      `SELECT count(*) FILTER (WHERE attempts < max_attempts AND (run_at <= now() OR attempts > 0))::text AS pending,
              count(*) FILTER (WHERE attempts >= max_attempts)::text AS failed
       FROM graphile_worker.jobs`,
    );
    if (Number(result.rows[0]?.pending ?? 0) === 0) return;
    if (Date.now() > deadline) throw new Error(`jobs still pending after ${Math.round(options.timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}
