import type { SimClock } from "../clock";
import type { SimAccount, SimOrg } from "../types";
import { evolveRegion, type EvolutionSummary } from "./evolve-region";
import { generateRegion, type VolumeOptions } from "./generate-region";
import type { RegionData } from "./region-data";

/**
 * Holds generated account-regions. Generation is lazy (first request) and cached, so a
 * 1000-account org starts instantly; regions generated late replay every past time window.
 */
export class RecordStore {
  private readonly cache = new Map<string, RegionData>();
  private readonly accounts = new Map<string, SimAccount>();
  /** Bumped whenever stored records change, so cached query results can be invalidated. */
  version = 0;

  constructor(
    private readonly seed: string,
    private readonly org: SimOrg,
    private readonly clock: SimClock,
    private readonly volume: VolumeOptions,
  ) {
    for (const account of org.accounts) this.accounts.set(account.id, account);
  }

  account(accountId: string): SimAccount | undefined {
    return this.accounts.get(accountId);
  }

  /** Registers an account added after start (e.g. by --load). */
  addAccount(account: SimAccount): void {
    this.accounts.set(account.id, account);
    this.org.accounts.push(account);
    this.version += 1;
  }

  get(accountId: string, region: string): RegionData | null {
    const key = `${accountId}:${region}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const account = this.accounts.get(accountId);
    if (!account || !account.regions.includes(region)) return null;
    const ctx = { seed: this.seed, account, region, startMs: this.clock.startMs, volume: this.volume };
    const data = generateRegion(ctx);
    for (const window of this.clock.windows) evolveRegion(data, ctx, window);
    this.cache.set(key, data);
    return data;
  }

  /** Applies the newest clock window to every region generated so far. */
  evolveLoaded(): EvolutionSummary {
    const window = this.clock.windows[this.clock.windows.length - 1];
    const total: EvolutionSummary = {
      newGuardDuty: 0,
      updatedGuardDuty: 0,
      archivedGuardDuty: 0,
      resolvedControls: 0,
      reevaluatedControls: 0,
      newEvents: 0,
    };
    if (!window) return total;
    this.version += 1;
    for (const data of this.cache.values()) {
      const account = this.accounts.get(data.accountId);
      if (!account) continue;
      const summary = evolveRegion(
        data,
        { seed: this.seed, account, region: data.region, startMs: this.clock.startMs, volume: this.volume },
        window,
      );
      for (const key of Object.keys(total) as Array<keyof EvolutionSummary>) total[key] += summary[key];
    }
    return total;
  }
}
