import "server-only";
import type pg from "pg";
import { scoreAccount } from "@/lib/checklist/score-account";
import { loadAccountEvidence } from "@/lib/data/checklist/load-account-evidence";
import { saveAccountScore } from "./save-account-score";

export interface ScoredAccount {
  accountId: string;
  score: number | null;
  coverage: number | null;
  evidenceAsOf: Date | null;
  /** "collected" when any source was read through the API, else "imported". */
  origin: "collected" | "imported";
}

/**
 * Evaluates and stores the score of each account over what is stored for it now (collected
 * or imported), one after another: what `parapet import` ends with and `parapet score` runs.
 * The same load -> evaluate -> save as the score-account job.
 */
export async function scoreAccounts(pool: pg.Pool, accountIds: readonly string[], now: Date = new Date()): Promise<ScoredAccount[]> {
  const scored: ScoredAccount[] = [];
  for (const accountId of accountIds) {
    const score = scoreAccount(await loadAccountEvidence(pool, accountId, now));
    await saveAccountScore(pool, score);
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
