/** What each benchmark hands back to bench/main.ts for the table and latest.json. */

export interface Budget {
  /** e.g. "upsert (insert path) / COPY". */
  label: string;
  ratio: number;
  /** The ratio must be at most this. */
  goal: number;
}

export interface BenchReport {
  name: string;
  /** Label/value lines printed under the benchmark's heading. */
  lines: Array<[string, string]>;
  budgets: Budget[];
  /** Everything measured, for latest.json. */
  data: Record<string, unknown>;
}

export function isBudgetMet(budget: Budget): boolean {
  return budget.ratio <= budget.goal;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

export const formatMs = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
export const formatMb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const formatRate = (perSecond: number): string => `${Math.round(perSecond).toLocaleString("en-US")}/s`;
