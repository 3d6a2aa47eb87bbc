import "server-only";
import { scoreAccount } from "@/lib/checklist/score-account";
import type { AccountScore } from "@/lib/checklist/types";
import { loadAccountEvidence } from "@/lib/data/checklist/load-account-evidence";
import { getPool } from "@/lib/db";
import { saveAccountScore } from "./save-account-score";

/**
 * Re-evaluates an account over its stored evidence, now, and saves the results and today's
 * snapshot: the same three steps as the score-account job (workers/tasks/score-account.ts),
 * run inline because the console cannot wait for the queue after an analyst accepts or
 * revokes a risk. Callers authorise first; this reads no user input beyond the account id.
 */
export async function rescoreAccount(accountId: string, now: Date = new Date()): Promise<AccountScore> {
  const pool = getPool();
  const evidence = await loadAccountEvidence(pool, accountId, now);
  const score = scoreAccount(evidence);
  await saveAccountScore(pool, score);
  return score;
}
