import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import type { FixFirstEntry } from "@/lib/checklist/rank-fix-first";
import { DOMAIN_TITLES } from "@/lib/checklist/types";
import { FixFirstTable, type FixFirstRow } from "./fix-first-table";

const TITLES = new Map(CHECKLIST_ITEMS.map((item) => [item.id, item.title]));

/**
 * The account's top fixes: the entries' fields and titles for the client table (the
 * checklist's texts stay on the server; see FixFirstTable).
 */
export function FixFirstList({ accountId, entries }: { accountId: string; entries: FixFirstEntry[] }) {
  if (entries.length === 0) return <p className="muted">Nothing to fix: every item with data passes (or is accepted).</p>;
  const rows: FixFirstRow[] = entries.map((entry) => ({
    itemId: entry.itemId,
    title: TITLES.get(entry.itemId) ?? "",
    domainTitle: DOMAIN_TITLES[entry.domain],
    severity: entry.severity,
    status: entry.status,
    ...(entry.passing !== undefined ? { passing: entry.passing } : {}),
    ...(entry.total !== undefined ? { total: entry.total } : {}),
    uplift: entry.uplift.toFixed(1),
  }));
  return <FixFirstTable accountId={accountId} rows={rows} />;
}
