import "server-only";
import type pg from "pg";
import { scoreAccount } from "./score-account";

export interface ScoredAccount {
  accountId: string;
  score: number | null;
  coverage: number | null;
  evidenceAsOf: Date | null;
  /** "collected" when any source was read through the API, else "imported". */
  origin: "collected" | "imported";
}

/**
 * Scores and stores each account over what is stored for it now (collected or imported),
 * one after another, through the one scoring path (scoreAccount): what `parapet import`
 * ends with and `parapet score` runs.
 */
export async function scoreAccounts(pool: pg.Pool, accountIds: readonly string[], now: Date = new Date()): Promise<ScoredAccount[]> {
  const scored: ScoredAccount[] = [];
  for (const accountId of accountIds) {
    const score = await scoreAccount(accountId, now, pool);
    const sources = score.sources ?? [];
    scored.push({
      accountId,
      score: score.score,
      coverage: score.coverage,
      evidenceAsOf: score.evidenceAsOf ?? null,
      origin: sources.some((source) => source.origin === "collected" && source.state !== "not_collected") ? "collected" : "imported",
    });
  }
  return scored;
}
