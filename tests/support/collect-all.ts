import type pg from "pg";
import { collectAccount, type RunSummary } from "@/lib/collect/collect-account";
import { registerSimAccounts as registerSimAccountInputs } from "@/cli/register-sim-accounts";
import { createWorkerRuntime, type WorkerRuntime } from "@/lib/jobs/worker-runtime";
import type { Simulator } from "@/sim/index";

/** Registers the simulator's accounts, as `collect --accounts-from-sim` does. */
export async function registerSimAccounts(pool: pg.Pool, sim: Simulator): Promise<void> {
  await registerSimAccountInputs(pool, sim.org.accounts, "test");
}

/** A worker runtime pointed at the simulator through the real SDK (endpoint + base credentials). */
export function simRuntime(pool: pg.Pool, sim: Simulator, maxAttempts = 8): WorkerRuntime {
  return createWorkerRuntime({
    pool,
    log: () => {},
    aws: { endpoint: sim.url, baseCredentials: sim.baseCredentials, maxAttempts },
  });
}

/** Collects every simulated account in parallel, as concurrent collect-account jobs would; `override` changes a target (e.g. a wrong ExternalId). */
export async function collectAll(
  runtime: WorkerRuntime,
  sim: Simulator,
  override: (account: Simulator["org"]["accounts"][number]) => Partial<{ roleArn: string; externalId: string }> = () => ({}),
): Promise<RunSummary[]> {
  return Promise.all(
    sim.org.accounts
      .map((account) => ({ ...account, ...override(account) }))
      .map((account) =>
        collectAccount(
          runtime.collectDeps(),
          { accountId: account.id, roleArn: account.roleArn, externalId: account.externalId, regions: account.regions },
          "test",
        ),
      ),
  );
}
