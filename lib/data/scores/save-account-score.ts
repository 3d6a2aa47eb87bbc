import "server-only";
import type pg from "pg";
import type { AccountScore } from "@/lib/checklist/types";
import { withTransaction } from "@/lib/db";

/**
 * Stores an evaluation: the latest result per item (items no longer on the checklist are
 * removed) and the day's snapshot (a later evaluation the same day replaces it), in one
 * transaction so the console never shows results and a score from different evaluations.
 * The snapshot also records the account's active finding counts by severity at that moment:
 * the overview's read model, so its cost grows with accounts, not with findings; and its
 * pooled weights, which the org trend sums per day. Triggers on score_snapshots (migration
 * 1765400000000) refresh the read models the overview and the trend read, org_score_days
 * and account_latest_scores, and one on checklist_results refreshes account_item_statuses
 * (the top failing items), in this same transaction. The account's new threats by day
 * (account_threat_days) are refreshed here too, between the two (the account's advisory
 * lock before the days' ones, the order every refresh takes them in), so the overview's
 * threat chart is of the same moment as its finding counts.
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
            evidence: {
              refs: item.evidence,
              missingSources: item.missingSources ?? [],
              accepted: item.accepted ?? null,
              riskAdjusted: item.riskAdjusted,
              weight: item.weight,
              severity: item.severity,
            },
          })),
        ),
      ],
    );
    await client.query("DELETE FROM checklist_results WHERE account_id = $1 AND NOT (item_id = ANY($2::text[]))", [
      score.accountId,
      items.map((item) => item.itemId),
    ]);
    await client.query("SELECT refresh_account_threat_days(ARRAY[$1::text])", [score.accountId]);
    await client.query(
      `INSERT INTO score_snapshots (account_id, day, taken_at, score, risk_adjusted_score, coverage, domains, items, checklist_version,
                                   active_critical, active_high, active_medium, active_low, active_informational,
                                   earned_weight, risk_adjusted_earned_weight, weight_with_data, weight_applicable, evidence_as_of, sources)
       SELECT $1::text, ($2::timestamptz AT TIME ZONE 'UTC')::date, $2::timestamptz, $3::real, $4::real, $5::real, $6::jsonb, $7::jsonb, $8::text,
              count(*) FILTER (WHERE f.severity_label = 'CRITICAL'), count(*) FILTER (WHERE f.severity_label = 'HIGH'),
              count(*) FILTER (WHERE f.severity_label = 'MEDIUM'), count(*) FILTER (WHERE f.severity_label = 'LOW'),
              count(*) FILTER (WHERE f.severity_label = 'INFORMATIONAL'),
              $9::float8, $10::float8, $11::float8, $12::float8, $13::timestamptz, $14::jsonb
       FROM findings f
       WHERE f.account_id = $1::text AND f.status = 'active' AND f.linked_guardduty_id IS NULL
         AND (f.compliance_status IS NULL OR f.compliance_status <> 'PASSED')
       ON CONFLICT (account_id, day) DO UPDATE SET taken_at = EXCLUDED.taken_at, score = EXCLUDED.score,
         risk_adjusted_score = EXCLUDED.risk_adjusted_score, coverage = EXCLUDED.coverage, domains = EXCLUDED.domains,
         items = EXCLUDED.items, checklist_version = EXCLUDED.checklist_version,
         active_critical = EXCLUDED.active_critical, active_high = EXCLUDED.active_high, active_medium = EXCLUDED.active_medium,
         active_low = EXCLUDED.active_low, active_informational = EXCLUDED.active_informational,
         earned_weight = EXCLUDED.earned_weight, risk_adjusted_earned_weight = EXCLUDED.risk_adjusted_earned_weight,
         weight_with_data = EXCLUDED.weight_with_data, weight_applicable = EXCLUDED.weight_applicable,
         evidence_as_of = EXCLUDED.evidence_as_of, sources = EXCLUDED.sources`,
      [
        score.accountId,
        score.evaluatedAt,
        score.score,
        score.riskAdjustedScore,
        score.coverage ?? 0,
        JSON.stringify(score.domains),
        JSON.stringify(
          items.map((item) => ({
            itemId: item.itemId,
            status: item.status,
            passing: item.passing ?? null,
            total: item.total ?? null,
            riskAdjusted: item.riskAdjusted.status,
          })),
        ),
        score.checklistVersion,
        // Summed over the domains, as the org roll-up pools them (lib/checklist/roll-up-org-score.ts).
        Object.values(score.domains).reduce((sum, domain) => sum + domain.earnedWeight, 0),
        Object.values(score.domains).reduce((sum, domain) => sum + domain.riskAdjustedEarnedWeight, 0),
        Object.values(score.domains).reduce((sum, domain) => sum + domain.weightWithData, 0),
        Object.values(score.domains).reduce((sum, domain) => sum + domain.weightApplicable, 0),
        score.evidenceAsOf ?? null,
        JSON.stringify(score.sources ?? []),
      ],
    );
  }, pool);
}
