import "server-only";
import type { z } from "zod";
import type { WorkerRuntime } from "@/lib/jobs/worker-runtime";

export interface JobContext {
  runtime: WorkerRuntime;
  /** Queue another job (same transaction-less semantics as graphile-worker's addJob). */
  enqueue: (name: string, payload: unknown, options?: { jobKey?: string; maxAttempts?: number; runAt?: Date }) => Promise<void>;
  log: (line: string) => void;
  /** graphile-worker's attempt number for this job (1 = first try). */
  attempt: number;
}

export interface JobDefinition<TSchema extends z.ZodType> {
  /** kebab-case task name, as stored in the queue. */
  name: string;
  schema: TSchema;
  handle: (payload: z.infer<TSchema>, context: JobContext) => Promise<void>;
}

/** A queued task: payloads stay `unknown` until `schema` has parsed them (jobs can outlive the code that queued them). */
export function defineJob<TSchema extends z.ZodType>(definition: JobDefinition<TSchema>): JobDefinition<TSchema> {
  return definition;
}
