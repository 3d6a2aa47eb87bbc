import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/** One stored risk acceptance as the console lists it (the item page's history and the cross-account list). */
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

/** A `risk_acceptances` row as RISK_ACCEPTANCE_COLUMNS selects it. */
export interface RiskAcceptanceDbRow {
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
}

/** "In force" is decided in one place: not revoked and not expired (of a row aliased `r`). */
export const RISK_ACCEPTANCE_ACTIVE = Prisma.sql`(r.revoked_at IS NULL AND r.expires_at > now())`;

/** The select list of a `risk_acceptances` row aliased `r`. */
export const RISK_ACCEPTANCE_COLUMNS = Prisma.sql`r.id::text, r.item_id, r.finding_id, r.reason, r.owner, r.expires_at, r.created_by,
  r.created_at, r.revoked_at, ${RISK_ACCEPTANCE_ACTIVE} AS is_active`;

/** A stored acceptance row as the console's RiskAcceptanceRow. */
export function mapRiskAcceptanceRow(row: RiskAcceptanceDbRow): RiskAcceptanceRow {
  return {
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
  };
}
