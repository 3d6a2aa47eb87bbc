import "server-only";
import type { z } from "zod";
import type { TEnv } from "@/lib/env";
import type { EnqueueOptions, JobName, JobPayload } from "@/lib/jobs/definitions";
import type { JobCron, JobSpec } from "@/lib/jobs/job-spec";
import type { WorkerRuntime } from "@/lib/jobs/worker-runtime";

export interface JobContext {
  runtime: WorkerRuntime;
  /** Queue another job (same transaction-less semantics as graphile-worker's addJob), typed by the job specs. */
  enqueue: <TName extends JobName>(name: TName, payload: JobPayload<TName>, options?: EnqueueOptions) => Promise<void>;
  log: (line: string) => void;
  /** graphile-worker's attempt number for this job (1 = first try). */
  attempt: number;
}

/** A job spec (`lib/jobs/definitions/`) with its handler: what `workers/tasks/<name>.ts` exports. */
export interface JobDefinition<TName extends JobName, TSchema extends z.ZodType> extends JobSpec<TName, TSchema> {
  handle: (payload: z.output<TSchema>, context: JobContext) => Promise<void>;
}

/** A queued task: payloads stay `unknown` until `schema` has parsed them (jobs can outlive the code that queued them). */
export function defineJob<TName extends JobName, TSchema extends z.ZodType>(
  definition: JobDefinition<TName, TSchema>,
): JobDefinition<TName, TSchema> {
  return definition;
}

/**
 * A job as the queue runs it: the payload type erased behind the job's own parse, so a
 * list of different jobs needs no cast. `run` parses, then handles; a payload the schema
 * rejects is reported, not handled.
 */
export interface QueueTask<TName extends string = string> {
  name: TName;
  cron?: JobCron;
  run: (payload: unknown, context: JobContext) => Promise<{ isHandled: true } | { isHandled: false; problem: string }>;
}

export function toQueueTask<TName extends JobName, TSchema extends z.ZodType>(job: JobDefinition<TName, TSchema>): QueueTask<TName> {
  return {
    name: job.name,
    ...(job.cron ? { cron: job.cron } : {}),
    run: async (payload, context) => {
      const parsed = job.schema.safeParse(payload ?? undefined);
      if (!parsed.success) return { isHandled: false, problem: parsed.error.message.replace(/\s+/g, " ") };
      await job.handle(parsed.data, context);
      return { isHandled: true };
    },
  };
}

/** One crontab line's worth: which task, when, under which id and job key. */
export interface CronEntry {
  task: string;
  schedule: string;
  identifier: string;
  jobKey?: string;
}

/** The cron entries the given tasks declare, with their schedules read from the settings (null schedules left out). */
export function listCronEntries(tasks: Iterable<QueueTask>, env: TEnv): CronEntry[] {
  const entries: CronEntry[] = [];
  for (const task of tasks) {
    const schedule = task.cron?.schedule(env);
    if (!task.cron || !schedule) continue;
    entries.push({
      task: task.name,
      schedule,
      identifier: task.cron.identifier,
      ...(task.cron.jobKey ? { jobKey: task.cron.jobKey } : {}),
    });
  }
  return entries;
}
