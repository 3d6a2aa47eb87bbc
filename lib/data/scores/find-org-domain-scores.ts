import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { roundToTenth } from "@/lib/checklist/round-to-tenth";
import { DOMAINS, type Domain } from "@/lib/checklist/types";
import { getDb } from "@/lib/db";

export interface OrgScoreFigures {
  score: number | null;
  riskAdjustedScore: number | null;
  coverage: number | null;
  weightApplicable: number;
  weightWithData: number;
}

export interface OrgDomainScores extends OrgScoreFigures {
  accountCount: number;
  domains: Record<Domain, OrgScoreFigures>;
}

/**
 * The org score, overall and per domain, pooled from each visible account's latest
 * snapshot (the SQL form of rollUpOrgScore): 100 * Σ earnedWeight / Σ weightWithData, and
 * coverage 100 * Σ weightWithData / Σ weightApplicable, from the unrounded sums the
 * snapshots keep per domain. Overall = the sum over domains (they partition the items).
 */
export async function findOrgDomainScores(user: SessionUser): Promise<OrgDomainScores> {
  const rows = await getDb().$queryRaw<
    Array<{ domain: string; applicable: number; with_data: number; earned: number; adjusted: number; accounts: number }>
  >`
    WITH latest AS (
      SELECT DISTINCT ON (s.account_id) s.account_id, s.domains
      FROM score_snapshots s JOIN accounts a ON a.id = s.account_id
      WHERE a.status <> 'data_only' AND ${accountInScope(user.scope, "s.account_id")}
      ORDER BY s.account_id, s.day DESC
    )
    SELECT d.key AS domain,
           sum((d.value->>'weightApplicable')::float8)::float8 AS applicable,
           sum((d.value->>'weightWithData')::float8)::float8 AS with_data,
           sum((d.value->>'earnedWeight')::float8)::float8 AS earned,
           sum((d.value->>'riskAdjustedEarnedWeight')::float8)::float8 AS adjusted,
           count(DISTINCT latest.account_id)::int AS accounts
    FROM latest, jsonb_each(latest.domains) d
    GROUP BY d.key`;
  const empty = { applicable: 0, with_data: 0, earned: 0, adjusted: 0 };
  const figures = (sums: typeof empty): OrgScoreFigures => ({
    score: sums.with_data > 0 ? roundToTenth((100 * sums.earned) / sums.with_data) : null,
    riskAdjustedScore: sums.with_data > 0 ? roundToTenth((100 * sums.adjusted) / sums.with_data) : null,
    coverage: sums.applicable > 0 ? roundToTenth((100 * sums.with_data) / sums.applicable) : null,
    weightApplicable: sums.applicable,
    weightWithData: sums.with_data,
  });
  const byDomain = new Map(rows.map((row) => [row.domain, row]));
  const total = rows.reduce(
    (sum, row) => ({
      applicable: sum.applicable + row.applicable,
      with_data: sum.with_data + row.with_data,
      earned: sum.earned + row.earned,
      adjusted: sum.adjusted + row.adjusted,
    }),
    empty,
  );
  return {
    ...figures(total),
    accountCount: rows.reduce((max, row) => Math.max(max, row.accounts), 0),
    domains: Object.fromEntries(DOMAINS.map((domain) => [domain, figures(byDomain.get(domain) ?? empty)])) as Record<
      Domain,
      OrgScoreFigures
    >,
  };
}
