import { type QueueTask, toQueueTask } from "@/lib/jobs/define-job";
import type { JobName } from "@/lib/jobs/definitions";
import collectAccount from "@/workers/tasks/collect-account";
import deliverReport from "@/workers/tasks/deliver-report";
import generateReport from "@/workers/tasks/generate-report";
import maintainEventPartitions from "@/workers/tasks/maintain-event-partitions";
import scheduleCollectionSweep from "@/workers/tasks/schedule-collection-sweep";
import scheduleReportSweep from "@/workers/tasks/schedule-report-sweep";
import scoreAccount from "@/workers/tasks/score-account";

/**
 * Task name -> runnable job: what the worker command hands to the queue (lib/jobs/queue.ts),
 * with the cron entries the jobs declare. `satisfies` makes tsc fail until every spec in
 * lib/jobs/definitions has its handler here, under its own name. Static imports: workers
 * run through tsx's CommonJS hook, where a dynamic import() of a TypeScript path would
 * bypass the compiler.
 */
const TASKS_BY_NAME = {
  "schedule-collection-sweep": toQueueTask(scheduleCollectionSweep),
  "collect-account": toQueueTask(collectAccount),
  "score-account": toQueueTask(scoreAccount),
  "schedule-report-sweep": toQueueTask(scheduleReportSweep),
  "generate-report": toQueueTask(generateReport),
  "deliver-report": toQueueTask(deliverReport),
  "maintain-event-partitions": toQueueTask(maintainEventPartitions),
} satisfies { [TName in JobName]: QueueTask<TName> };

export const TASKS: readonly QueueTask[] = Object.values(TASKS_BY_NAME);
