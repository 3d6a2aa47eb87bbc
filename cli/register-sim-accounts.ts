import type pg from "pg";
import { registerAccounts } from "@/lib/data/accounts/register-accounts";

/** What Parapet needs of a simulated account (the simulator's /_sim/org JSON carries it). */
export interface SimAccountInput {
  id: string;
  name: string;
  roleArn: string;
  externalId: string;
  regions: string[];
  posture?: string;
}

/**
 * Registers the simulator's accounts as a user would register real ones (role ARN,
 * ExternalId, regions). Shared by `demo`, `collect --accounts-from-sim`, the tests and the
 * benchmarks, so they all onboard accounts the same way.
 */
export async function registerSimAccounts(pool: pg.Pool, accounts: readonly SimAccountInput[], actor: string): Promise<number> {
  return registerAccounts(
    pool,
    accounts.map((account) => ({
      id: account.id,
      name: account.name,
      roleArn: account.roleArn,
      externalId: account.externalId,
      regions: account.regions,
      tags: { source: "simulator", ...(account.posture ? { posture: account.posture } : {}) } as Record<string, string>,
    })),
    actor,
  );
}
