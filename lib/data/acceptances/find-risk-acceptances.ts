import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";

export interface RiskAcceptanceRow {
  id: string;
  itemId: string;
  /** null = the whole item for the account. */
  findingId: string | null;
  reason: string;
  owner: string;
  expiresAt: Date;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  /** Counts in the risk-adjusted score: not revoked and not expired. */
  isActive: boolean;
}

/** Acceptances of one item for one account (active first, then the newest), including revoked and expired ones as history. */
export async function findRiskAcceptances(user: SessionUser, accountId: string, itemId: string): Promise<RiskAcceptanceRow[]> {
  const rows = await getDb().$queryRaw<
    Array<{
      id: string;
      item_id: string;
      finding_id: string | null;
      reason: string;
      owner: string;
      expires_at: Date;
      created_by: string;
      created_at: Date;
      revoked_at: Date | null;
      is_active: boolean;
    }>
  >`
    SELECT id::text, item_id, finding_id, reason, owner, expires_at, created_by, created_at, revoked_at,
           (revoked_at IS NULL AND expires_at > now()) AS is_active
    FROM risk_acceptances
    WHERE account_id = ${accountId} AND item_id = ${itemId} AND ${accountInScope(user.scope, "account_id")}
    ORDER BY (revoked_at IS NULL AND expires_at > now()) DESC, created_at DESC
    LIMIT 200`;
  return rows.map((row) => ({
    id: row.id,
    itemId: row.item_id,
    findingId: row.finding_id,
    reason: row.reason,
    owner: row.owner,
    expiresAt: row.expires_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    isActive: row.is_active,
  }));
}
