import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CredentialStore } from "./auth/credential-store";
import { SimClock } from "./clock";
import { FaultEngine } from "./faults";
import { loadRecords } from "./load-records";
import { generateOrg } from "./generate-org";
import type { SimState } from "./protocols/request-context";
import { QuotaEngine } from "./quotas";
import type { EvolutionSummary } from "./records/evolve-region";
import { RecordStore } from "./records/record-store";
import { createRequestHandler } from "./server";
import type { FaultSpec, SimCredentials, SimOrg, SimulatorOptions } from "./types";

export type { FaultKind, FaultSpec, Posture, SimAccount, SimCredentials, SimOrg, SimulatorOptions } from "./types";
export { CONTROLS } from "./records/control-catalogue";
export { generateOrg } from "./generate-org";
export { FLAWS } from "./records/flaw-catalogue";
export { QUOTAS, THROTTLE_ERRORS } from "./quotas";
export type { EvolutionSummary } from "./records/evolve-region";

export interface Simulator {
  url: string;
  port: number;
  org: SimOrg;
  baseCredentials: SimCredentials;
  close(): Promise<void>;
  setFaults(faults: FaultSpec[]): void;
  clearFaults(): void;
  /** Moves simulated time forward; findings and events evolve inside the new window. */
  advanceTime(ms: number): EvolutionSummary;
  now(): Date;
  /** Requests answered with a throttling error so far (quota or fault), by "service:Operation". */
  stats(): { served: Record<string, number>; throttled: Record<string, number> };
  /**
   * Generates every account-region now instead of on first request (benchmarks use this
   * to keep generation out of the measured time).
   */
  warmUp(): void;
}

export const DEFAULT_REGIONS = ["us-east-1", "eu-west-1"];

/** Starts the AWS simulator on one HTTP endpoint serving STS, Organizations, GuardDuty, Security Hub and CloudTrail. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const seed = String(opts.seed ?? "parapet");
  const regions = opts.regions && opts.regions.length > 0 ? [...opts.regions] : [...DEFAULT_REGIONS];
  const accountCount = opts.accounts ?? 12;
  if (!Number.isInteger(accountCount) || accountCount < 1)
    throw new Error(`accounts must be a positive integer, got ${String(opts.accounts)}`);
  const org = generateOrg({
    seed,
    accounts: accountCount,
    regions,
    delegatedAdmin: opts.delegatedAdmin ?? false,
    aggregationRegion: opts.aggregationRegion ?? false,
  });
  const clock = new SimClock(opts.now ?? new Date());
  const store = new RecordStore(seed, org, clock, {
    findingsPerAccountRegion: opts.findingsPerAccountRegion,
    eventsPerAccountRegion: opts.eventsPerAccountRegion,
  });
  const credentials = new CredentialStore(seed, org.managementAccountId);
  const state: SimState = { seed, org, store, credentials, clock, queryCache: new Map() };
  const faults = new FaultEngine(seed);
  if (opts.faults) faults.set(opts.faults);
  const quotas = new QuotaEngine(opts.quotas ?? true);

  if (opts.loadDir) {
    const result = await loadRecords(opts.loadDir, { store, org, seed, clock });
    process.stderr.write(
      `parapet sim: loaded ${result.loaded} records from ${opts.loadDir}` +
        (result.addedAccounts.length > 0 ? `, added ${result.addedAccounts.length} accounts` : "") +
        (result.problems.length > 0 ? `, ${result.problems.length} problems` : "") +
        "\n",
    );
  }

  let port = 0;
  const advanceTime = (ms: number): EvolutionSummary => {
    clock.advance(ms);
    return store.evolveLoaded();
  };
  const server: Server = createServer(
    createRequestHandler({
      state,
      faults,
      quotas,
      advanceTime,
      setFaults: (list) => faults.set(list),
      localPort: () => port,
    }),
  );
  server.keepAliveTimeout = 5000;
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (error.code === "EADDRINUSE") reject(Object.assign(new Error(`port ${opts.port ?? 0} is already in use`), { code: "EADDRINUSE" }));
      else reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(opts.port ?? 0, host);
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    org,
    baseCredentials: { ...credentials.base },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    setFaults: (list) => faults.set(list),
    clearFaults: () => faults.clear(),
    advanceTime,
    now: () => clock.now(),
    stats: () => ({ served: Object.fromEntries(quotas.served), throttled: Object.fromEntries(quotas.throttled) }),
    warmUp: () => {
      for (const account of org.accounts) for (const region of account.regions) store.get(account.id, region);
    },
  };
}
