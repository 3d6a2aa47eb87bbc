import type { z } from "zod";
import type { TEnv } from "@/lib/env";

/**
 * A recurring schedule declared beside its job. `schedule` reads the settings (the
 * sweep's comes from PARAPET_COLLECT_SCHEDULE); null leaves the job unscheduled. The
 * identifier is graphile-worker's cron id (it keeps the "last run" bookkeeping under it);
 * the job key makes a tick that finds the previous one still queued replace it.
 */
export interface JobCron {
  schedule: (env: TEnv) => string | null;
  identifier: string;
  jobKey?: string;
}

/**
 * What the console and the worker both know of a job: its queue name, the zod schema of
 * its payload (the payload type is derived from it) and its schedule. No handler here, so
 * the console can enqueue without loading the worker's task code.
 */
export interface JobSpec<TName extends string = string, TSchema extends z.ZodType = z.ZodType> {
  /** kebab-case task name, as stored in the queue. */
  name: TName;
  schema: TSchema;
  cron?: JobCron;
}

/** Declares a job's name, payload schema and optional schedule (the handler is in `workers/tasks/`). */
export function defineJobSpec<const TName extends string, TSchema extends z.ZodType>(
  spec: JobSpec<TName, TSchema>,
): JobSpec<TName, TSchema> {
  return spec;
}
