import "server-only";
import type { SessionUser } from "@/lib/auth";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import { getDb } from "@/lib/db";

export interface CitingItem {
  accountId: string;
  recordId: string;
  itemId: string;
  title: string;
  status: string;
}

/**
 * The checklist items whose latest evaluation lists these records (findings by source id,
 * CloudTrail events by event id) as evidence, in the accounts the user may see: the items
 * a finding affects, and what a bulk risk acceptance can attach to.
 */
export async function findItemsCitingRecords(
  user: SessionUser,
  records: Array<{ accountId: string; recordId: string }>,
): Promise<CitingItem[]> {
  if (records.length === 0) return [];
  const rows = await getDb().$queryRaw<Array<{ account_id: string; record_id: string; item_id: string; status: string }>>`
    SELECT c.account_id, r.record_id, c.item_id, c.status
    FROM unnest(${records.map((record) => record.accountId)}::text[], ${records.map((record) => record.recordId)}::text[]) AS r(account_id, record_id)
    JOIN checklist_results c
      ON c.account_id = r.account_id AND c.evidence->'refs' @> jsonb_build_array(jsonb_build_object('id', r.record_id))
    WHERE ${accountInScope(user.scope, "c.account_id")}
    ORDER BY c.account_id, r.record_id, c.item_id`;
  return rows.map((row) => ({
    accountId: row.account_id,
    recordId: row.record_id,
    itemId: row.item_id,
    title: CHECKLIST_ITEMS.find((item) => item.id === row.item_id)?.title ?? row.item_id,
    status: row.status,
  }));
}
