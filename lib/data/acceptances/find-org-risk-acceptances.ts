import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  mapRiskAcceptanceRow,
  RISK_ACCEPTANCE_ACTIVE,
  RISK_ACCEPTANCE_COLUMNS,
  type RiskAcceptanceDbRow,
  type RiskAcceptanceRow,
} from "./map-risk-acceptance-row";

/** An acceptance with the account it belongs to. */
export interface OrgRiskAcceptanceRow extends RiskAcceptanceRow {
  accountId: string;
  accountName: string;
}

export const ORG_ACCEPTANCES_PAGE_SIZE = 100;

/**
 * Risk acceptances across the accounts the user may see. `active` (the default view): not
 * revoked and not expired, the soonest to expire first, since those need a decision next.
 * `ended`: revoked or expired, the most recently ended first. Paged by offset: the list is
 * bounded by the number of accepted risks, which people write one at a time.
 */
export async function findOrgRiskAcceptances(
  user: SessionUser,
  options: { state: "active" | "ended"; page?: number },
): Promise<{ rows: OrgRiskAcceptanceRow[]; hasMore: boolean; total: number }> {
  const page = Math.max(options.page ?? 0, 0);
  const active = RISK_ACCEPTANCE_ACTIVE;
  const state = options.state === "active" ? active : Prisma.sql`NOT ${active}`;
  const order =
    options.state === "active"
      ? Prisma.sql`r.expires_at ASC, r.id ASC`
      : Prisma.sql`COALESCE(LEAST(r.revoked_at, r.expires_at), r.expires_at) DESC, r.id DESC`;
  const where = Prisma.sql`${state} AND ${accountInScope(user.scope, "r.account_id")}`;
  const [rows, counts] = await Promise.all([
    getDb().$queryRaw<Array<RiskAcceptanceDbRow & { account_id: string; account_name: string }>>`
      SELECT ${RISK_ACCEPTANCE_COLUMNS}, r.account_id, a.name AS account_name
      FROM risk_acceptances r JOIN accounts a ON a.id = r.account_id
      WHERE ${where}
      ORDER BY ${order}
      LIMIT ${ORG_ACCEPTANCES_PAGE_SIZE + 1} OFFSET ${page * ORG_ACCEPTANCES_PAGE_SIZE}`,
    getDb().$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM risk_acceptances r WHERE ${where}`,
  ]);
  return {
    rows: rows
      .slice(0, ORG_ACCEPTANCES_PAGE_SIZE)
      .map((row) => ({ ...mapRiskAcceptanceRow(row), accountId: row.account_id, accountName: row.account_name })),
    hasMore: rows.length > ORG_ACCEPTANCES_PAGE_SIZE,
    total: counts[0]?.n ?? 0,
  };
}
