import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import type { FixFirstEntry } from "@/lib/checklist/rank-fix-first";
import { DOMAIN_TITLES } from "@/lib/checklist/types";
import { itemHref } from "../../../_components/account-links";
import { StatusBadge } from "../../../_components/status-badge";

/**
 * The account's top fixes. Item links are plain anchors, as in the items table: a next/link
 * per row is a client component each (props in the RSC payload, a hook-running render, an
 * observer for a prefetch) for a list nobody scrolls through client-side.
 */
export function FixFirstList({ accountId, entries }: { accountId: string; entries: FixFirstEntry[] }) {
  if (entries.length === 0) return <p className="muted">Nothing to fix: every item with data passes (or is accepted).</p>;
  const titles = new Map(CHECKLIST_ITEMS.map((item) => [item.id, item.title]));
  return (
    <table data-testid="fix-first">
      <thead>
        <tr>
          <th>#</th>
          <th>Item</th>
          <th>Status</th>
          <th className="num">Adds</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry, index) => (
          <tr key={entry.itemId} data-item-id={entry.itemId}>
            <td className="muted">{index + 1}</td>
            <td>
              <a href={itemHref(accountId, entry.itemId)}>{entry.itemId}</a>
              {` ${titles.get(entry.itemId) ?? ""}`}
              <div className="small muted">
                {DOMAIN_TITLES[entry.domain]} · <span className={`sev-${entry.severity}`}>{entry.severity}</span>
              </div>
            </td>
            <td>
              <StatusBadge status={entry.status} passing={entry.passing} total={entry.total} />
            </td>
            <td className="num" title="points the risk-adjusted score gains if this item passes">
              +{entry.uplift.toFixed(1)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
