import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { getDb } from "@/lib/db";
import {
  mapRiskAcceptanceRow,
  RISK_ACCEPTANCE_ACTIVE,
  RISK_ACCEPTANCE_COLUMNS,
  type RiskAcceptanceDbRow,
  type RiskAcceptanceRow,
} from "./map-risk-acceptance-row";

export type { RiskAcceptanceRow };

/** Acceptances of one item for one account (active first, then the newest), including revoked and expired ones as history. */
export async function findRiskAcceptances(user: SessionUser, accountId: string, itemId: string): Promise<RiskAcceptanceRow[]> {
  const rows = await getDb().$queryRaw<RiskAcceptanceDbRow[]>`
    SELECT ${RISK_ACCEPTANCE_COLUMNS}
    FROM risk_acceptances r
    WHERE r.account_id = ${accountId} AND r.item_id = ${itemId} AND ${accountInScope(user.scope, "r.account_id")}
    ORDER BY ${RISK_ACCEPTANCE_ACTIVE} DESC, r.created_at DESC
    LIMIT 200`;
  return rows.map(mapRiskAcceptanceRow);
}
