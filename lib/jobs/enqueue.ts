import "server-only";
import { quickAddJob } from "graphile-worker";
import type pg from "pg";
import type { ReportScope } from "@/lib/reports/report-scope";

/** The queued tasks and their payloads: the one list the web app and the CLI enqueue against. */
export interface JobPayloads {
  "schedule-collection-sweep": { trigger: string };
  "collect-account": { accountId: string; trigger: string };
  "score-account": { accountId: string };
  "schedule-report-sweep": { trigger: string };
  "generate-report": {
    scope: ReportScope;
    week: string;
    paper: "a4" | "letter";
    generatedBy: string;
    scheduleId?: string | null;
  };
  "deliver-report": { deliveryId: string };
}

/**
 * Queues a job from anywhere (the console included) without loading the worker's task
 * code: the web app only enqueues; workers/registry.ts runs. A job key de-duplicates
 * (`collect:<accountId>` = at most one pending collection per account).
 */
export async function enqueue<TName extends keyof JobPayloads>(
  pool: pg.Pool,
  name: TName,
  payload: JobPayloads[TName],
  options: { jobKey?: string; maxAttempts?: number; runAt?: Date } = {},
): Promise<void> {
  await quickAddJob({ pgPool: pool }, name as string, payload as unknown, options);
}
