"use client";

import type { ItemStatus, Severity } from "@/lib/checklist/types";
import { itemHref } from "../../../_components/account-links";
import { StatusBadge } from "../../../_components/status-badge";

/** One fix as the table gets it: the entry's fields with the item's and the domain's titles (read on the server). */
export interface FixFirstRow {
  itemId: string;
  title: string;
  domainTitle: string;
  severity: Severity;
  status: ItemStatus;
  passing?: number;
  total?: number;
  /** The uplift as shown, one decimal. */
  uplift: string;
}

/**
 * The account's top fixes, drawn from their fields: a client component, so the RSC payload
 * carries each row's few fields once instead of its tree of cells beside the same HTML. Item
 * links are plain anchors, as in the items table: a next/link per row is a client component
 * each for a prefetch nobody needs.
 */
export function FixFirstTable({ accountId, rows }: { accountId: string; rows: FixFirstRow[] }) {
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
        {rows.map((row, index) => (
          <tr key={row.itemId} data-item-id={row.itemId}>
            <td className="muted">{index + 1}</td>
            <td>
              <a href={itemHref(accountId, row.itemId)}>{row.itemId}</a>
              {` ${row.title}`}
              <div className="small muted">
                {row.domainTitle} · <span className={`sev-${row.severity}`}>{row.severity}</span>
              </div>
            </td>
            <td>
              <StatusBadge status={row.status} passing={row.passing} total={row.total} />
            </td>
            <td className="num" title="points the risk-adjusted score gains if this item passes">
              +{row.uplift}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
