import { performance } from "node:perf_hooks";
import { startSimulator, type Simulator, type SimulatorOptions } from "@/sim/index";
import { QuotaEngine } from "@/sim/quotas";
import type { ParentMessage, ChildMessage, ProcessMemory } from "./sim-process";

/**
 * The simulator in its own process (forked by sim-process.ts), as AWS is not in Parapet's
 * process: its CPU and memory are then neither charged to the collector nor shared with
 * it, and its own memory is measured on a clean process.
 *
 * Served requests are counted per account/region/service/operation by wrapping
 * QuotaEngine.take (sim.stats() totals by API only); see full-sync.ts for why.
 */

const servedCalls = new Map<string, number>();
const originalTake = QuotaEngine.prototype.take;
QuotaEngine.prototype.take = function countingTake(this: QuotaEngine, service, operation, accountId, region) {
  const isServed = originalTake.call(this, service, operation, accountId, region);
  if (isServed) {
    const id = `${accountId}|${region}|${service}|${operation}`;
    servedCalls.set(id, (servedCalls.get(id) ?? 0) + 1);
  }
  return isServed;
};

function memory(): ProcessMemory {
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external + usage.arrayBuffers };
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

let sim: Simulator | null = null;

async function handle(message: ParentMessage): Promise<void> {
  if (message.type === "start") {
    const before = memory();
    const started = performance.now();
    sim = await startSimulator(message.options as SimulatorOptions);
    const startMs = performance.now() - started;
    send({
      type: "started",
      url: sim.url,
      org: sim.org,
      baseCredentials: sim.baseCredentials,
      startMs,
      memoryBefore: before,
      memoryAfter: memory(),
    });
    return;
  }
  if (!sim) throw new Error(`simulator not started (got ${message.type})`);
  if (message.type === "warm-up") {
    const started = performance.now();
    sim.warmUp();
    send({ type: "warmed-up", warmUpMs: performance.now() - started, memory: memory() });
  } else if (message.type === "stats") {
    send({ type: "stats", ...sim.stats(), servedCalls: [...servedCalls.entries()], memory: memory(), cpu: process.cpuUsage() });
  } else if (message.type === "close") {
    await sim.close();
    send({ type: "closed" });
    process.exit(0);
  }
}

process.on("message", (message: ParentMessage) => {
  handle(message).catch((error: unknown) => {
    send({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
});
// The parent going away (Ctrl-C, crash) takes the simulator with it.
process.on("disconnect", () => process.exit(0));
