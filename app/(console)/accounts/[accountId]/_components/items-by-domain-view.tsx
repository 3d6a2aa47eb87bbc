"use client";

import { useState } from "react";
import type { ItemStatus, Severity } from "@/lib/checklist/types";
import { itemHref } from "../../../_components/account-links";
import { ClampedText } from "../../../_components/clamped-text";
import { formatPercent, formatScore } from "../../../_components/format";
import { StatusBadge } from "../../../_components/status-badge";

/** What one item's row shows; `accepted` is the badge's explanation, present only when an acceptance is in force. */
export interface ItemRowData {
  id: string;
  title: string;
  severity: Severity;
  weight: number;
  status: ItemStatus;
  passing?: number;
  total?: number;
  accepted?: string;
  reason: string;
  /** The missing sources, joined. */
  missing?: string;
}

export interface DomainBlockData {
  domain: string;
  title: string;
  score: number | null;
  coverage: number | null;
  /** Items needing work (failing, partial and, unless failing-only, without data). */
  open: ItemRowData[];
  /** Passing and not applicable items, folded (empty when failing-only). */
  settled: ItemRowData[];
  /** Items without data left out by failing-only. */
  hiddenNoData: number;
}

/** Which items the page shows: the default (passing folded), failing only, or every item with the folds open. */
export type ItemsView = "default" | "failing" | "all";

/**
 * The checklist items of an account, drawn from plain row data (see ItemsByDomain). Item
 * links are plain anchors: a row per item of next/link costs a client component each for a
 * prefetch nobody needs from a 60-row list. Adjacent text is one template string, so the
 * HTML needs no <!-- --> separator between the parts.
 *
 * The folded rows are drawn only when their fold opens (SettledRows): most accounts pass most
 * items, and rendering rows nobody opened into every page view is most of this section's
 * server time. `allHref(domain)` is the same page with every fold open (`view` "all"), where a
 * browser without JavaScript lands from a fold.
 */
export function ItemsByDomainView({
  accountId,
  blocks,
  view,
  allHref,
}: {
  accountId: string;
  blocks: DomainBlockData[];
  view: ItemsView;
  allHref: Record<string, string>;
}) {
  const failingOnly = view === "failing";
  return (
    <div data-testid="items-by-domain">
      {blocks.map((block) => (
        <div key={block.domain} id={`domain-${block.domain}`} className="domain-block">
          <div className="domain-title">
            <h3>{block.title}</h3>
            <span className="small muted">{`score ${formatScore(block.score)} · coverage ${formatPercent(block.coverage)}`}</span>
          </div>
          {block.open.length > 0 ? (
            <ItemRows accountId={accountId} rows={block.open} />
          ) : (
            <p className="small muted">Nothing {failingOnly ? "failing" : "failing or without data"} in this domain.</p>
          )}
          {block.hiddenNoData > 0 ? (
            <p className="small muted">{block.hiddenNoData} item(s) without data hidden (&quot;failing only&quot;).</p>
          ) : null}
          {block.settled.length > 0 ? (
            <SettledRows accountId={accountId} rows={block.settled} initiallyOpen={view === "all"} allHref={allHref[block.domain] ?? ""} />
          ) : null}
        </div>
      ))}
    </div>
  );
}

/**
 * A domain's passing and not applicable items in a closed fold whose rows are drawn when it
 * opens. Without JavaScript (and before hydration) the open fold holds a link to the page with
 * every fold open instead, so nothing is out of reach.
 */
function SettledRows({
  accountId,
  rows,
  initiallyOpen,
  allHref,
}: {
  accountId: string;
  rows: ItemRowData[];
  initiallyOpen: boolean;
  allHref: string;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details className="settled" data-testid="passing-items" open={initiallyOpen} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{`${rows.length} passing or not applicable item${rows.length === 1 ? "" : "s"}`}</summary>
      {open ? (
        <ItemRows accountId={accountId} rows={rows} />
      ) : (
        <p className="small">
          <a href={allHref} data-testid="passing-items-link">
            Show the {rows.length} item{rows.length === 1 ? "" : "s"}
          </a>
        </p>
      )}
    </details>
  );
}

/** One object for every table: React serialises a shared style object once. */
const ITEM_COLUMN = { width: "34%" };

function ItemRows({ accountId, rows }: { accountId: string; rows: ItemRowData[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col" style={ITEM_COLUMN}>
            Item
          </th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Passing
          </th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((item) => (
          <tr key={item.id} data-item-id={item.id} data-testid="item-row">
            <td>
              <a href={itemHref(accountId, item.id)}>{item.id}</a>
              {` ${item.title}`}
              <div className="small muted">
                <span className={`sev-${item.severity}`}>{item.severity}</span>
                {` · weight ${item.weight}`}
              </div>
            </td>
            <td>
              <StatusBadge status={item.status} passing={item.passing} total={item.total} />
              {item.accepted !== undefined ? (
                <>
                  {" "}
                  <span className="badge accepted" data-testid="item-accepted" title={item.accepted}>
                    accepted
                  </span>
                </>
              ) : null}
            </td>
            <td className="num">{item.total !== undefined ? `${item.passing ?? 0}/${item.total}` : <span className="muted">—</span>}</td>
            <td className="small">
              <ClampedText text={item.reason} />
              {item.missing !== undefined ? (
                <div className="muted">
                  <ClampedText text={`Missing: ${item.missing}`} limit={120} />
                </div>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
