import type { z } from "zod";
import type { JobDefinition } from "@/lib/jobs/define-job";
import collectAccount from "@/workers/tasks/collect-account";
import deliverReport from "@/workers/tasks/deliver-report";
import generateReport from "@/workers/tasks/generate-report";
import scheduleCollectionSweep from "@/workers/tasks/schedule-collection-sweep";
import scheduleReportSweep from "@/workers/tasks/schedule-report-sweep";
import scoreAccount from "@/workers/tasks/score-account";

type AnyJob = JobDefinition<z.ZodType>;

/**
 * Task name -> job definition. Static imports: workers run through tsx's CommonJS hook,
 * where a dynamic import() of a TypeScript path would bypass the compiler. A job whose
 * name is not here is logged and dropped by graphile-worker, not retried forever.
 */
export const TASKS: Record<string, () => Promise<AnyJob>> = {
  "schedule-collection-sweep": async () => scheduleCollectionSweep as unknown as AnyJob,
  "collect-account": async () => collectAccount as unknown as AnyJob,
  "score-account": async () => scoreAccount as unknown as AnyJob,
  "schedule-report-sweep": async () => scheduleReportSweep as unknown as AnyJob,
  "generate-report": async () => generateReport as unknown as AnyJob,
  "deliver-report": async () => deliverReport as unknown as AnyJob,
};
