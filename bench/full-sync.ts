import os from "node:os";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { RateLimiter } from "@/lib/aws/rate-limits";
import { collectAccount, type RunSummary } from "@/lib/collect/collect-account";
import { registerSimAccounts } from "@/cli/register-sim-accounts";
import { createWorkerRuntime } from "@/lib/jobs/worker-runtime";
import { QUOTAS } from "@/sim/index";
import type { ServiceName } from "@/sim/types";
import { startBenchDatabase } from "./bench-database";
import { loadAverage, machineBusyShare, readMachineCpu, readPostgresCpuMs } from "./process-cpu";
import { type BenchReport, formatMs } from "./report";
import { startSimProcess } from "./sim-process";

/**
 * Question: does a full first sync of a simulated organisation finish close to the
 * shortest time the (simulated) AWS quotas allow? Budget (DESIGN.md): within 1.2x.
 *
 * The quota minimum is computed from the calls the sync actually made, not from a model of
 * the collectors. Quotas are token buckets per account, region and API (sim/quotas.ts,
 * the same numbers as lib/aws/rate-limits.ts), and account-regions are independent, so:
 *   one API in one account-region needs  max(0, (calls - burst) / rate)  seconds
 *   one account-region needs             the max over its APIs (buckets refill in parallel)
 *   the org needs                        the max over account-regions (they all run at once)
 * plus STS AssumeRole, whose bucket is the management account's (all calls share it).
 * The calls counted are the ones the simulator served (answered, not throttled), per
 * account/region/service/operation: the work the sync needed. The simulator runs in its
 * own process (sim-child.ts), which counts them by wrapping QuotaEngine.take (sim.stats()
 * only totals by API); AWS's CPU is then not charged to the collector. Attempts are
 * counted on the client by a RateLimiter subclass passed in through CollectDeps
 * (collection takes one token per attempt, retries included). Latency and CPU are not in
 * the bound, so 1.0x is unreachable; a CPU minimum is printed next to it.
 */

const REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"];

/** A RateLimiter that also counts the tokens it hands out, per account/region/service/operation. */
class CountingRateLimiter extends RateLimiter {
  readonly calls = new Map<string, number>();

  override take(key: { accountId: string; region: string; service: string; operation: string }): Promise<void> {
    const id = `${key.accountId}|${key.region}|${key.service}|${key.operation}`;
    this.calls.set(id, (this.calls.get(id) ?? 0) + 1);
    return super.take(key);
  }
}

interface QuotaBound {
  /** Seconds the slowest account-region needs under its quotas. */
  orgSeconds: number;
  slowest: { accountRegion: string; api: string; calls: number; seconds: number } | null;
  perAccountSeconds: Map<string, number>;
  stsSeconds: number;
  callsByApi: Record<string, number>;
}

function quotaFor(service: string, operation: string) {
  const table = QUOTAS[service as ServiceName];
  if (!table) throw new Error(`no simulated quota for service ${service}`);
  return table.operations[operation] ?? table.default;
}

function computeQuotaBound(calls: Map<string, number>): QuotaBound {
  const byAccountRegion = new Map<string, { seconds: number; api: string; calls: number }>();
  const callsByApi: Record<string, number> = {};
  let stsSeconds = 0;
  for (const [id, count] of calls) {
    const [accountId, region, service, operation] = id.split("|") as [string, string, string, string];
    const api = `${service}:${operation}`;
    callsByApi[api] = (callsByApi[api] ?? 0) + count;
    const rule = quotaFor(service, operation);
    const seconds = Math.max(0, (count - rule.burst) / rule.ratePerSecond);
    // AssumeRole is called with the management account's credentials: one bucket for the whole org.
    if (service === "sts") {
      stsSeconds = Math.max(stsSeconds, seconds);
      continue;
    }
    const key = `${accountId}/${region}`;
    const current = byAccountRegion.get(key);
    if (!current || seconds > current.seconds) byAccountRegion.set(key, { seconds, api, calls: count });
  }
  let slowest: QuotaBound["slowest"] = null;
  const perAccountSeconds = new Map<string, number>();
  for (const [accountRegion, bound] of byAccountRegion) {
    if (!slowest || bound.seconds > slowest.seconds) slowest = { accountRegion, ...bound };
    const accountId = accountRegion.split("/")[0]!;
    perAccountSeconds.set(accountId, Math.max(perAccountSeconds.get(accountId) ?? 0, bound.seconds));
  }
  return { orgSeconds: Math.max(slowest?.seconds ?? 0, stsSeconds), slowest, perAccountSeconds, stsSeconds, callsByApi };
}

/** Runs `work` over `items` with at most `limit` in flight, as a worker pool with `limit` slots would. */
async function runPool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const slot = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, slot));
  return results;
}

export async function benchFullSync(options: {
  isQuick: boolean;
  concurrency: number | null;
  log: (line: string) => void;
}): Promise<BenchReport> {
  const accountCount = options.isQuick ? 20 : 200;
  const regions = options.isQuick ? REGIONS.slice(0, 2) : REGIONS;
  // Default: every account at once (quotas are per account, so nothing is gained by waiting).
  const concurrency = Math.min(options.concurrency ?? accountCount, accountCount);
  const poolSize = 10; // lib/db.ts's pool size

  const database = await startBenchDatabase({ poolSize });
  const sim = await startSimProcess({ port: 0, accounts: accountCount, regions, seed: "parapet-bench", quotas: true });
  try {
    const { warmUpMs } = await sim.warmUp();
    options.log(
      `sync: simulator (pid ${sim.pid}) with ${accountCount} accounts x ${regions.length} regions generated in ${formatMs(warmUpMs)}`,
    );
    await registerSimAccounts(database.pool, sim.org.accounts, "bench");

    const runtime = createWorkerRuntime({
      pool: database.pool,
      log: () => {},
      aws: { endpoint: sim.url, baseCredentials: sim.baseCredentials, maxAttempts: 8 },
    });
    const limiter = new CountingRateLimiter();
    const deps = { ...runtime.collectDeps(), limiter };
    const before = await sim.stats();
    const loadBefore = loadAverage();
    const loopDelay = monitorEventLoopDelay({ resolution: 20 });
    loopDelay.enable();
    const eluBefore = performance.eventLoopUtilization();
    const cpuBefore = process.cpuUsage();
    const machineBefore = readMachineCpu();
    const postgresBefore = readPostgresCpuMs(database.dataDir);
    options.log(`sync: collecting ${accountCount} accounts, ${concurrency} at a time (load average ${loadBefore})`);

    const started = performance.now();
    const accountMs = new Map<string, number>();
    const summaries: RunSummary[] = await runPool(sim.org.accounts, concurrency, async (account) => {
      const accountStarted = performance.now();
      const summary = await collectAccount(
        deps,
        { accountId: account.id, roleArn: account.roleArn, externalId: account.externalId, regions: account.regions },
        "bench",
      );
      accountMs.set(account.id, performance.now() - accountStarted);
      return summary;
    });
    const wallMs = performance.now() - started;

    const cpu = process.cpuUsage(cpuBefore);
    const machineBusy = machineBusyShare(machineBefore, readMachineCpu());
    const postgresAfter = readPostgresCpuMs(database.dataDir);
    const elu = performance.eventLoopUtilization(eluBefore);
    loopDelay.disable();
    const after = await sim.stats();
    runtime.roles.destroy();

    const delta = (from: Record<string, number>, to: Record<string, number>) =>
      Object.fromEntries(
        Object.entries(to)
          .map(([key, value]) => [key, value - (from[key] ?? 0)])
          .filter(([, value]) => (value as number) > 0),
      ) as Record<string, number>;
    const throttled = delta(before.throttled, after.throttled);
    const throttledTotal = Object.values(throttled).reduce((sum, value) => sum + value, 0);
    const servedBefore = new Map(before.servedCalls);
    const servedCalls = new Map(after.servedCalls.map(([id, count]) => [id, count - (servedBefore.get(id) ?? 0)] as [string, number]));
    const bound = computeQuotaBound(servedCalls);
    const boundMs = bound.orgSeconds * 1000;
    const attempts = [...limiter.calls.values()].reduce((sum, count) => sum + count, 0);

    // With fewer slots than accounts, accounts queue: the slots' total work bounds the time too.
    const accountBoundsMs = [...bound.perAccountSeconds.values()].map((seconds) => seconds * 1000);
    const scheduleBoundMs = Math.max(boundMs, accountBoundsMs.reduce((sum, ms) => sum + ms, 0) / concurrency);

    const collectorCpuMs = (cpu.user + cpu.system) / 1000;
    const simCpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
    const postgresCpuMs = postgresBefore !== null && postgresAfter !== null ? postgresAfter - postgresBefore : null;
    const cores = os.cpus().length;
    // Parapet's own work (collector + PostgreSQL) spread over every core, and the collector's
    // single thread: the sync cannot finish sooner than either, whatever the quotas.
    const cpuBoundMs = Math.max(collectorCpuMs, (collectorCpuMs + (postgresCpuMs ?? 0)) / cores);

    const steps = summaries.flatMap((summary) => summary.steps);
    const failedSteps = steps.filter((step) => step.status === "failed");
    const counts = await database.pool.query<{ findings: number; events: number }>(
      "SELECT (SELECT count(*) FROM findings)::int AS findings, (SELECT count(*) FROM cloudtrail_events)::int AS events",
    );
    const slowestAccount = [...accountMs.entries()].sort((a, b) => b[1] - a[1])[0];
    const calls = Object.entries(bound.callsByApi).sort(([a], [b]) => a.localeCompare(b));
    const totalCalls = calls.reduce((sum, [, count]) => sum + count, 0);
    const percent = (share: number) => `${(share * 100).toFixed(0)}%`;

    const lines: Array<[string, string]> = [
      [
        "org",
        `${accountCount} accounts x ${regions.length} regions (${regions.join(", ")}), quotas on, ${concurrency} accounts at a time, pg pool ${poolSize}`,
      ],
      [
        "stored",
        `${counts.rows[0]!.findings.toLocaleString("en-US")} findings, ${counts.rows[0]!.events.toLocaleString("en-US")} CloudTrail events; ${steps.length} steps, ${failedSteps.length} failed`,
      ],
      ["wall time", formatMs(wallMs)],
      [
        "quota minimum",
        `${formatMs(boundMs)}  (slowest: ${bound.slowest ? `${bound.slowest.accountRegion} ${bound.slowest.api} x ${bound.slowest.calls}` : "none"}; STS ${bound.stsSeconds.toFixed(1)} s)`,
      ],
      ...(concurrency < accountCount ? ([["bound at this concurrency", formatMs(scheduleBoundMs)]] as Array<[string, string]>) : []),
      [
        "CPU minimum",
        `${formatMs(cpuBoundMs)}  (collector ${formatMs(collectorCpuMs)} on one thread, PostgreSQL ${postgresCpuMs === null ? "n/a" : formatMs(postgresCpuMs)}, over ${cores} cores; simulator used ${formatMs(simCpuMs)} more)`,
      ],
      [
        "collector CPU per unit",
        `${(collectorCpuMs / totalCalls).toFixed(1)} ms per API call served, ${((collectorCpuMs / Math.max(1, counts.rows[0]!.findings + counts.rows[0]!.events)) * 1000).toFixed(0)} µs per record stored`,
      ],
      [
        "machine",
        `${machineBusy === null ? "n/a" : percent(machineBusy)} of ${cores} cores busy during the sync (every process), load average before ${loadBefore}`,
      ],
      ["collector event loop", `${percent(elu.utilization)} busy, delay p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms`],
      [
        "slowest account",
        slowestAccount
          ? `${slowestAccount[0]} ${formatMs(slowestAccount[1])} (its quota minimum ${formatMs((bound.perAccountSeconds.get(slowestAccount[0]) ?? 0) * 1000)})`
          : "-",
      ],
      ["API calls served", `${totalCalls.toLocaleString("en-US")}: ${calls.map(([api, count]) => `${api} ${count}`).join(", ")}`],
      ["client attempts", `${attempts.toLocaleString("en-US")} rate-limited attempts (STS is not rate-limited client-side)`],
      [
        "throttled by sim",
        throttledTotal === 0
          ? "0"
          : `${throttledTotal}: ${Object.entries(throttled)
              .map(([api, count]) => `${api} ${count}`)
              .join(", ")}`,
      ],
    ];
    for (const step of failedSteps.slice(0, 3))
      lines.push(["failed step", `${step.region} ${step.source}: ${step.errorCode} ${step.error}`]);

    return {
      name: "sync",
      lines,
      budgets: [{ label: `full sync ${accountCount}x${regions.length} / quota minimum`, ratio: wallMs / boundMs, goal: 1.2 }],
      data: {
        accounts: accountCount,
        regions,
        concurrency,
        poolSize,
        wallMs,
        quotaMinimumMs: boundMs,
        scheduleBoundMs,
        cpuMinimumMs: cpuBoundMs,
        collectorCpuMs,
        postgresCpuMs,
        simulatorCpuMs: simCpuMs,
        machineBusyShare: machineBusy,
        loadAverageBefore: loadBefore,
        slowest: bound.slowest,
        stsSeconds: bound.stsSeconds,
        callsByApi: bound.callsByApi,
        clientAttempts: attempts,
        throttledBySim: throttled,
        findings: counts.rows[0]!.findings,
        events: counts.rows[0]!.events,
        steps: steps.length,
        failedSteps: failedSteps.length,
        eventLoopUtilization: elu.utilization,
        eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      },
    };
  } finally {
    await sim.close();
    await database.stop();
  }
}
