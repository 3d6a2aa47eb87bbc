import type { z } from "zod";
import type { JobDefinition } from "@/lib/jobs/define-job";

type AnyJob = JobDefinition<z.ZodType>;

/** Task name -> lazy import, so a worker loads only the code of the tasks it runs. */
export const TASKS: Record<string, () => Promise<AnyJob>> = {
  "schedule-collection-sweep": async () => (await import("@/workers/tasks/schedule-collection-sweep")).default as AnyJob,
  "collect-account": async () => (await import("@/workers/tasks/collect-account")).default as AnyJob,
  "score-account": async () => (await import("@/workers/tasks/score-account")).default as AnyJob,
};
