import type { ScoredAccount } from "@/lib/data/scores/score-accounts";

const fmt = (value: number | null) => (value === null ? "n/a" : value.toFixed(1));

/** One line per scored account, the same wording as the console: where the evidence came from and how old it is. */
export function describeScoredAccount(account: ScoredAccount): string {
  const asOf = account.evidenceAsOf ? account.evidenceAsOf.toISOString() : "unknown";
  const origin = account.origin === "imported" ? `imported as of ${asOf}` : `evidence as of ${asOf}`;
  return `${account.accountId}  score ${fmt(account.score).padStart(5)}  coverage ${fmt(account.coverage).padStart(5)}%  (${origin})`;
}
