import pg from "pg";
import { afterAll, describe, expect, test } from "vitest";
import { getEnv } from "@/lib/env";
import { defineJob, type JobContext, listCronEntries, toQueueTask } from "@/lib/jobs/define-job";
import { JOB_SPECS } from "@/lib/jobs/definitions";
import { scheduleCollectionSweepJob } from "@/lib/jobs/definitions/schedule-collection-sweep";
import { scoreAccountJob } from "@/lib/jobs/definitions/score-account";
import { buildCrontab } from "@/lib/jobs/queue";
import { createWorkerRuntime } from "@/lib/jobs/worker-runtime";
import { TASKS } from "@/workers/registry";

describe("the job registry", () => {
  test("has one handler per job spec, under the spec's name", () => {
    expect(TASKS.map((task) => task.name).sort()).toEqual(JOB_SPECS.map((spec) => spec.name).sort());
    expect(TASKS.map((task) => task.name).sort()).toEqual([
      "collect-account",
      "deliver-report",
      "generate-report",
      "maintain-event-partitions",
      "schedule-collection-sweep",
      "schedule-report-sweep",
      "score-account",
    ]);
  });

  test("declares the sweep's crontab line on PARAPET_COLLECT_SCHEDULE, the line the queue always had, the report sweep's every 15 minutes and the daily event-partition upkeep", () => {
    const env = { ...getEnv(), PARAPET_COLLECT_SCHEDULE: "0 3 * * *" };
    expect(buildCrontab(listCronEntries(TASKS, env))).toBe(
      "0 3 * * * schedule-collection-sweep ?id=collection-sweep&jobKey=collection-sweep\n" +
        "*/15 * * * * schedule-report-sweep ?id=report-sweep&jobKey=report-sweep\n" +
        "17 2 * * * maintain-event-partitions ?id=event-partitions&jobKey=event-partitions",
    );
  });

  test("an empty cron list gives an empty crontab", () => {
    expect(buildCrontab([])).toBe("");
  });
});

describe("toQueueTask", () => {
  // A pool that never connects: the handlers below read nothing of the context; toQueueTask only passes it on.
  const pool = new pg.Pool();
  const runtime = createWorkerRuntime({ pool, log: () => {} });
  const context: JobContext = { runtime, log: () => {}, attempt: 1, enqueue: async () => {} };
  afterAll(async () => {
    runtime.roles.destroy();
    await pool.end();
  });

  test("parses the payload before the handler sees it and drops one the schema rejects", async () => {
    const seen: unknown[] = [];
    const task = toQueueTask(defineJob({ ...scoreAccountJob, handle: async (payload) => void seen.push(payload) }));
    expect(await task.run({ accountId: "123456789012", extra: 1 }, context)).toEqual({ isHandled: true });
    const rejected = await task.run({ accountId: "12345" }, context);
    expect(rejected.isHandled).toBe(false);
    expect(await task.run(null, context)).toMatchObject({ isHandled: false });
    expect(seen).toEqual([{ accountId: "123456789012" }]);
  });

  test("a cron tick's payload (graphile-worker's `_cron`) reaches the sweep as the scheduled trigger", async () => {
    const sweep = TASKS.find((task) => task.name === "schedule-collection-sweep")!;
    expect(sweep.cron?.identifier).toBe("collection-sweep");
    const seen: unknown[] = [];
    const task = toQueueTask(defineJob({ ...scheduleCollectionSweepJob, handle: async (payload) => void seen.push(payload) }));
    await task.run({ _cron: { ts: "2026-12-01T08:00:00Z", backfilled: false } }, context);
    await task.run(undefined, context);
    expect(seen).toEqual([{ trigger: "schedule" }, { trigger: "schedule" }]);
  });
});

/** Compile-time checks (tsc runs over tests): the worker-side enqueue is typed by the specs. */
export function enqueueIsTyped(context: JobContext): void {
  void context.enqueue("collect-account", { accountId: "123456789012", trigger: "manual" });
  // @ts-expect-error collect-account needs an accountId
  void context.enqueue("collect-account", { trigger: "manual" });
  // @ts-expect-error there is no such task
  void context.enqueue("no-such-task", {});
  // @ts-expect-error score-account's accountId is a string
  void context.enqueue("score-account", { accountId: 123456789012 });
}
