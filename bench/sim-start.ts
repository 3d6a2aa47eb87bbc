import { GuardDutyClient, ListDetectorsCommand, ListFindingsCommand } from "@aws-sdk/client-guardduty";
import { GetFindingsCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { performance } from "node:perf_hooks";
import type { SimAccount } from "@/sim/index";
import { type BenchReport, formatMb, formatMs, percentile } from "./report";
import { type ProcessMemory, type SimProcess, startSimProcess } from "./sim-process";

/**
 * Question (simulator issue): does a 1000-account organisation start in seconds, what
 * memory does it take, and does it answer while under load? The simulator runs in its own
 * process (sim-child.ts) so its memory is measured alone. Load = many concurrent SDK calls
 * (GuardDuty ListFindings, Security Hub GetFindings) with assumed-role credentials spread
 * over accounts and regions: first cold (each account-region generated on first request),
 * then after warmUp() has generated everything.
 */

const REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"];

interface LoadResult {
  requests: number;
  errors: number;
  firstError: string | null;
  wallMs: number;
  p50: number;
  p95: number;
  max: number;
  /** Simulator process CPU during the load, as a share of one core. */
  simCpuShare?: number;
  /** This (client) process's CPU during the load, as a share of one core. */
  clientCpuShare: number;
}

function cpuShare(before: NodeJS.CpuUsage, after: NodeJS.CpuUsage, wallMs: number): number {
  return (after.user + after.system - before.user - before.system) / 1000 / wallMs;
}

async function assumeRoles(sim: SimProcess, accounts: SimAccount[]): Promise<Map<string, AwsCredentialIdentity>> {
  const sts = new STSClient({ region: "us-east-1", endpoint: sim.url, credentials: sim.baseCredentials, maxAttempts: 8 });
  const result = new Map<string, AwsCredentialIdentity>();
  try {
    // All AssumeRole calls share the management account's STS quota (100/s, burst 200): 50 at a time.
    for (let offset = 0; offset < accounts.length; offset += 50) {
      await Promise.all(
        accounts.slice(offset, offset + 50).map(async (account) => {
          const output = await sts.send(
            new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: "parapet-bench", ExternalId: account.externalId }),
          );
          const credentials = output.Credentials!;
          result.set(account.id, {
            accessKeyId: credentials.AccessKeyId!,
            secretAccessKey: credentials.SecretAccessKey!,
            sessionToken: credentials.SessionToken!,
          });
        }),
      );
    }
    return result;
  } finally {
    sts.destroy();
  }
}

/**
 * One concurrent call per target, alternating GuardDuty ListFindings (after its
 * ListDetectors) and Security Hub GetFindings, each on its own account-region so no quota
 * bucket is hit twice. Clients are built before the clock starts. No retries: an error is
 * counted, not hidden.
 */
async function fireLoad(
  sim: SimProcess,
  credentials: Map<string, AwsCredentialIdentity>,
  targets: Array<{ account: SimAccount; region: string }>,
): Promise<LoadResult> {
  const calls = targets.map(({ account, region }, index) => {
    const config = { region, endpoint: sim.url, credentials: credentials.get(account.id)!, maxAttempts: 1 };
    if (index % 2 === 0) {
      const client = new GuardDutyClient(config);
      const call = async () => {
        const detectors = await client.send(new ListDetectorsCommand({}));
        const detectorId = detectors.DetectorIds?.[0];
        if (detectorId) await client.send(new ListFindingsCommand({ DetectorId: detectorId, MaxResults: 50 }));
      };
      return { client, call };
    }
    const client = new SecurityHubClient(config);
    const call = async () => {
      try {
        await client.send(new GetFindingsCommand({ MaxResults: 100 }));
      } catch (error) {
        // Not subscribed in this account-region is a valid answer.
        if ((error as { name?: string }).name !== "InvalidAccessException") throw error;
      }
    };
    return { client, call };
  });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  try {
    await Promise.all(
      calls.map(async ({ call }) => {
        const callStarted = performance.now();
        try {
          await call();
          latencies.push(performance.now() - callStarted);
        } catch (error) {
          errors += 1;
          firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        }
      }),
    );
  } finally {
    for (const { client } of calls) client.destroy();
  }
  const wallMs = performance.now() - started;
  const clientCpuShare = cpuShare(cpuBefore, process.cpuUsage(), wallMs);
  const safe = latencies.length > 0 ? latencies : [0];
  return {
    requests: targets.length,
    errors,
    firstError,
    wallMs,
    p50: percentile(safe, 0.5),
    p95: percentile(safe, 0.95),
    max: Math.max(...safe),
    clientCpuShare,
  };
}

const describeMemory = (memory: ProcessMemory) =>
  `RSS ${formatMb(memory.rss)}, heap ${formatMb(memory.heapUsed)}, buffers ${formatMb(memory.external)}`;
const describeLoad = (load: LoadResult) =>
  `${load.requests} concurrent: p50 ${formatMs(load.p50)}, p95 ${formatMs(load.p95)}, max ${formatMs(load.max)}, all in ${formatMs(load.wallMs)}, ${load.errors} errors${load.firstError ? ` (${load.firstError})` : ""}${`; CPU: simulator ${load.simCpuShare === undefined ? "n/a" : `${(load.simCpuShare * 100).toFixed(0)}%`}, client ${(load.clientCpuShare * 100).toFixed(0)}% of a core`}`;

export async function benchSimStart(options: { isQuick: boolean; log: (line: string) => void }): Promise<BenchReport> {
  const accountCount = options.isQuick ? 200 : 1000;
  const requestCount = 200;
  const spawnStarted = performance.now();
  const sim = await startSimProcess({ port: 0, accounts: accountCount, regions: REGIONS, seed: "parapet-bench", quotas: true });
  const readyMs = performance.now() - spawnStarted;
  try {
    options.log(
      `sim-start: ${accountCount} accounts x ${REGIONS.length} regions answering after ${formatMs(readyMs)} (startSimulator ${formatMs(sim.start.startMs)})`,
    );
    // Two disjoint sets of account-regions: the cold run must touch ungenerated ones.
    const pick = (offset: number) =>
      Array.from({ length: requestCount }, (_, index) => {
        const account = sim.org.accounts[(offset + index * 2) % sim.org.accounts.length]!;
        return { account, region: account.regions[index % account.regions.length]! };
      });
    const coldTargets = pick(0);
    const warmTargets = pick(1);
    const credentials = await assumeRoles(sim, [...new Set([...coldTargets, ...warmTargets].map((target) => target.account))]);

    const beforeCold = await sim.stats();
    const cold = await fireLoad(sim, credentials, coldTargets);
    const afterCold = await sim.stats();
    cold.simCpuShare = cpuShare(beforeCold.cpu, afterCold.cpu, cold.wallMs);
    options.log(`sim-start: cold load ${describeLoad(cold)}`);
    const warm = await sim.warmUp();
    options.log(`sim-start: warmUp() generated every account-region in ${formatMs(warm.warmUpMs)}`);
    const beforeHot = await sim.stats();
    const hot = await fireLoad(sim, credentials, warmTargets);
    const end = await sim.stats();
    hot.simCpuShare = cpuShare(beforeHot.cpu, end.cpu, hot.wallMs);
    options.log(`sim-start: warm load ${describeLoad(hot)}`);

    return {
      name: "sim-start",
      lines: [
        ["org", `${accountCount} accounts x ${REGIONS.length} regions, quotas on`],
        ["start", `startSimulator ${formatMs(sim.start.startMs)}; process spawn to first answer ${formatMs(readyMs)}`],
        ["memory at start", `${describeMemory(sim.start.memoryAfter)} (empty process: RSS ${formatMb(sim.start.memoryBefore.rss)})`],
        ["cold load", describeLoad(cold)],
        ["memory after cold", describeMemory(afterCold.memory)],
        [
          "warmUp()",
          `${formatMs(warm.warmUpMs)} to generate all ${accountCount * REGIONS.length} account-regions; ${describeMemory(warm.memory)}`,
        ],
        ["warm load", describeLoad(hot)],
        ["memory at end", describeMemory(end.memory)],
      ],
      budgets: [],
      data: {
        accounts: accountCount,
        regions: REGIONS,
        startMs: sim.start.startMs,
        readyMs,
        memoryBeforeStart: sim.start.memoryBefore,
        memoryAfterStart: sim.start.memoryAfter,
        coldLoad: cold,
        memoryAfterColdLoad: afterCold.memory,
        warmUpMs: warm.warmUpMs,
        memoryAfterWarmUp: warm.memory,
        warmLoad: hot,
        memoryAtEnd: end.memory,
        throttled: end.throttled,
      },
    };
  } finally {
    await sim.close();
  }
}
