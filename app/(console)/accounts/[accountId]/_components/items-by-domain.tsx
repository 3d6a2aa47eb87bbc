import Link from "next/link";
import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import { computeItemCredit } from "@/lib/checklist/compute-item-credit";
import { DOMAIN_TITLES, DOMAINS, type Domain, type DomainScore, type ItemResult } from "@/lib/checklist/types";
import { itemHref } from "../../../_components/account-links";
import { formatPercent, formatScore, formatTime } from "../../../_components/format";
import { ClampedText } from "../../../_components/clamped-text";
import { StatusBadge } from "../../../_components/status-badge";

/** True when the risk-adjusted view credits the item more than the raw one (an acceptance is in force). */
function isAccepted(item: ItemResult): boolean {
  const raw = computeItemCredit(item);
  const adjusted = computeItemCredit(item.riskAdjusted);
  return item.accepted !== undefined || (raw !== null && adjusted !== null && adjusted > raw);
}

const SETTLED = new Set(["pass", "not_applicable"]);

/**
 * Items per domain. Passing and not-applicable items are folded into a closed list under
 * each domain, so the page shows what needs work; `failingOnly` also drops items without
 * data (and says how many were left out).
 */
export function ItemsByDomain({
  accountId,
  items,
  domains,
  failingOnly = false,
}: {
  accountId: string;
  items: ItemResult[];
  domains: Record<Domain, DomainScore>;
  failingOnly?: boolean;
}) {
  const titles = new Map(CHECKLIST_ITEMS.map((item) => [item.id, item.title]));
  const rows = (list: ItemResult[]) => (
    <table>
      <thead>
        <tr>
          <th scope="col" style={{ width: "34%" }}>
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
        {list.map((item) => (
          <tr key={item.itemId} data-item-id={item.itemId} data-testid="item-row">
            <td>
              <Link href={itemHref(accountId, item.itemId)}>{item.itemId}</Link> {titles.get(item.itemId) ?? ""}
              <div className="small muted">
                <span className={`sev-${item.severity}`}>{item.severity}</span> · weight {item.weight}
              </div>
            </td>
            <td>
              <StatusBadge status={item.status} passing={item.passing} total={item.total} />
              {isAccepted(item) ? (
                <>
                  {" "}
                  <span
                    className="badge accepted"
                    data-testid="item-accepted"
                    title={
                      item.accepted
                        ? `accepted by ${item.accepted.owner} until ${formatTime(item.accepted.expiresAt)}: ${item.accepted.reason}`
                        : "accepted findings or events"
                    }
                  >
                    accepted
                  </span>
                </>
              ) : null}
            </td>
            <td className="num">{item.total !== undefined ? `${item.passing ?? 0}/${item.total}` : <span className="muted">—</span>}</td>
            <td className="small">
              <ClampedText text={item.reason} />
              {item.missingSources && item.missingSources.length > 0 ? (
                <div className="muted">
                  <ClampedText text={`Missing: ${item.missingSources.join(", ")}`} limit={120} />
                </div>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div data-testid="items-by-domain">
      {DOMAINS.map((domain) => {
        const domainItems = items.filter((item) => item.domain === domain);
        if (domainItems.length === 0) return null;
        const figures = domains[domain];
        const open = domainItems.filter((item) => !SETTLED.has(item.status) && (!failingOnly || item.status !== "no_data"));
        const settled = domainItems.filter((item) => SETTLED.has(item.status));
        const hiddenNoData = failingOnly ? domainItems.filter((item) => item.status === "no_data").length : 0;
        return (
          <div key={domain} id={`domain-${domain}`} className="domain-block">
            <div className="domain-title">
              <h3>{DOMAIN_TITLES[domain]}</h3>
              <span className="small muted">
                score {formatScore(figures.score)} · coverage {formatPercent(figures.coverage)}
              </span>
            </div>
            {open.length > 0 ? (
              rows(open)
            ) : (
              <p className="small muted">Nothing {failingOnly ? "failing" : "failing or without data"} in this domain.</p>
            )}
            {hiddenNoData > 0 ? (
              <p className="small muted">{hiddenNoData} item(s) without data hidden (&quot;failing only&quot;).</p>
            ) : null}
            {settled.length > 0 && !failingOnly ? (
              <details className="settled" data-testid="passing-items">
                <summary>
                  {settled.length} passing or not applicable item{settled.length === 1 ? "" : "s"}
                </summary>
                {rows(settled)}
              </details>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
