import "server-only";
import type pg from "pg";
import type { AccountScore } from "@/lib/checklist/types";
import { withTransaction } from "@/lib/db";

/**
 * Stores an evaluation: the latest result per item (items no longer on the checklist are
 * removed) and the day's snapshot (a later evaluation the same day replaces it), in one
 * transaction so the console never shows results and a score from different evaluations.
 */
export async function saveAccountScore(pool: pg.Pool, score: AccountScore): Promise<void> {
  await withTransaction(async (client) => {
    const items = score.items;
    await client.query(
      `INSERT INTO checklist_results (account_id, item_id, domain, status, passing, total, reason, evidence, checklist_version, evaluated_at)
       SELECT $1, item_id, domain, status, passing, total, reason, evidence, $2, $3
       FROM jsonb_to_recordset($4::jsonb) AS x(item_id text, domain text, status text, passing int, total int, reason text, evidence jsonb)
       ON CONFLICT (account_id, item_id) DO UPDATE SET domain = EXCLUDED.domain, status = EXCLUDED.status,
         passing = EXCLUDED.passing, total = EXCLUDED.total, reason = EXCLUDED.reason, evidence = EXCLUDED.evidence,
         checklist_version = EXCLUDED.checklist_version, evaluated_at = EXCLUDED.evaluated_at`,
      [
        score.accountId,
        score.checklistVersion,
        score.evaluatedAt,
        JSON.stringify(
          items.map((item) => ({
            item_id: item.itemId,
            domain: item.domain,
            status: item.status,
            passing: item.passing ?? null,
            total: item.total ?? null,
            reason: item.reason,
            evidence: { refs: item.evidence, missingSources: item.missingSources ?? [], accepted: item.accepted ?? null, riskAdjusted: item.riskAdjusted, weight: item.weight, severity: item.severity },
          })),
        ),
      ],
    );
    await client.query("DELETE FROM checklist_results WHERE account_id = $1 AND NOT (item_id = ANY($2::text[]))", [
      score.accountId,
      items.map((item) => item.itemId),
    ]);
    await client.query(
      `INSERT INTO score_snapshots (account_id, day, taken_at, score, risk_adjusted_score, coverage, domains, items, checklist_version, evidence_as_of, sources)
       VALUES ($1, ($2::timestamptz AT TIME ZONE 'UTC')::date, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (account_id, day) DO UPDATE SET taken_at = EXCLUDED.taken_at, score = EXCLUDED.score,
         risk_adjusted_score = EXCLUDED.risk_adjusted_score, coverage = EXCLUDED.coverage, domains = EXCLUDED.domains,
         items = EXCLUDED.items, checklist_version = EXCLUDED.checklist_version,
         evidence_as_of = EXCLUDED.evidence_as_of, sources = EXCLUDED.sources`,
      [
        score.accountId,
        score.evaluatedAt,
        score.score,
        score.riskAdjustedScore,
        score.coverage ?? 0,
        JSON.stringify(score.domains),
        JSON.stringify(items.map((item) => ({ itemId: item.itemId, status: item.status, passing: item.passing ?? null, total: item.total ?? null, riskAdjusted: item.riskAdjusted.status }))),
        score.checklistVersion,
        score.evidenceAsOf ?? null,
        JSON.stringify(score.sources ?? []),
      ],
    );
  }, pool);
}
