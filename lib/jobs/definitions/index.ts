import type { z } from "zod";
import { collectAccountJob } from "./collect-account";
import { deliverReportJob } from "./deliver-report";
import { generateReportJob } from "./generate-report";
import { maintainEventPartitionsJob } from "./maintain-event-partitions";
import { scheduleCollectionSweepJob } from "./schedule-collection-sweep";
import { scheduleReportSweepJob } from "./schedule-report-sweep";
import { scoreAccountJob } from "./score-account";

/**
 * Every queued task's name, payload schema and schedule: the one list both sides type
 * against. The console enqueues from it; `workers/registry.ts` must give each a handler
 * (tsc fails there until it does).
 */
export const JOB_SPECS = [
  scheduleCollectionSweepJob,
  collectAccountJob,
  scoreAccountJob,
  scheduleReportSweepJob,
  generateReportJob,
  deliverReportJob,
  maintainEventPartitionsJob,
] as const;

type AnyJobSpec = (typeof JOB_SPECS)[number];

export type JobName = AnyJobSpec["name"];

/** What may be queued for a task: the schema's input (defaults fill the rest when the job runs). */
export type JobPayload<TName extends JobName> = z.input<Extract<AnyJobSpec, { name: TName }>["schema"]>;

export interface EnqueueOptions {
  /** De-duplicates: a pending job with the same key is replaced, not doubled. */
  jobKey?: string;
  maxAttempts?: number;
  runAt?: Date;
}
