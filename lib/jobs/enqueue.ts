import "server-only";
import { quickAddJob } from "graphile-worker";
import type pg from "pg";
import type { EnqueueOptions, JobName, JobPayload } from "@/lib/jobs/definitions";

/**
 * Queues a job from anywhere (the console included) without loading the worker's task
 * code: the web app only enqueues, typed by the job specs in lib/jobs/definitions;
 * workers/registry.ts runs. A job key de-duplicates (`collect:<accountId>` = at most one
 * pending collection per account).
 */
export async function enqueue<TName extends JobName>(
  pool: pg.Pool,
  name: TName,
  payload: JobPayload<TName>,
  options: EnqueueOptions = {},
): Promise<void> {
  // graphile-worker types payloads by its own (empty) task map; the specs typed this call already.
  const taskName: string = name;
  await quickAddJob({ pgPool: pool }, taskName, payload, options);
}
