import "server-only";
import type pg from "pg";
import { scoreEvidence } from "@/lib/checklist/score-evidence";
import type { AccountScore } from "@/lib/checklist/types";
import { loadAccountEvidence } from "@/lib/data/checklist/load-account-evidence";
import { getPool } from "@/lib/db";
import { saveAccountScore } from "./save-account-score";

/**
 * Scores an account over its stored evidence as of `now` and saves the item results and
 * that day's snapshot: load -> pure evaluation (lib/checklist) -> save. The one scoring
 * path: the score-account job, the console's inline rescoring after an analyst accepts or
 * revokes a risk (it cannot wait for the queue), and the tests all call it. Callers
 * authorise first; this reads no user input beyond the account id. `pool` is the worker's
 * or a test's; the console's own by default.
 */
export async function scoreAccount(accountId: string, now: Date, pool: pg.Pool = getPool()): Promise<AccountScore> {
  const evidence = await loadAccountEvidence(pool, accountId, now);
  const score = scoreEvidence(evidence);
  await saveAccountScore(pool, score);
  return score;
}
