import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import { computeItemCredit } from "@/lib/checklist/compute-item-credit";
import { DOMAIN_TITLES, DOMAINS, type Domain, type DomainScore, type ItemResult } from "@/lib/checklist/types";
import { formatTime } from "../../../_components/format";
import { ItemsByDomainView, type ItemRowData, type DomainBlockData, type ItemsView } from "./items-by-domain-view";

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
 * data (and says how many were left out), and "all" opens every fold. The rows go to one client component as plain
 * data (only what a row shows: not the evidence lists), so the page's RSC payload carries
 * each item once as a few fields instead of as a tree of cells beside the same HTML.
 */
export function ItemsByDomain({
  accountId,
  items,
  domains,
  view = "default",
  allHref,
}: {
  accountId: string;
  items: ItemResult[];
  domains: Record<Domain, DomainScore>;
  view?: ItemsView;
  /** The page with every fold open, landing on one domain. */
  allHref: (domain: Domain) => string;
}) {
  const failingOnly = view === "failing";
  const titles = new Map(CHECKLIST_ITEMS.map((item) => [item.id, item.title]));
  const row = (item: ItemResult): ItemRowData => ({
    id: item.itemId,
    title: titles.get(item.itemId) ?? "",
    severity: item.severity,
    weight: item.weight,
    status: item.status,
    ...(item.passing !== undefined ? { passing: item.passing } : {}),
    ...(item.total !== undefined ? { total: item.total } : {}),
    ...(isAccepted(item)
      ? {
          accepted: item.accepted
            ? `accepted by ${item.accepted.owner} until ${formatTime(item.accepted.expiresAt)}: ${item.accepted.reason}`
            : "accepted findings or events",
        }
      : {}),
    reason: item.reason,
    ...(item.missingSources && item.missingSources.length > 0 ? { missing: item.missingSources.join(", ") } : {}),
  });
  const blocks: DomainBlockData[] = [];
  for (const domain of DOMAINS) {
    const domainItems = items.filter((item) => item.domain === domain);
    if (domainItems.length === 0) continue;
    const figures = domains[domain];
    blocks.push({
      domain,
      title: DOMAIN_TITLES[domain],
      score: figures.score,
      coverage: figures.coverage,
      open: domainItems.filter((item) => !SETTLED.has(item.status) && (!failingOnly || item.status !== "no_data")).map(row),
      settled: failingOnly ? [] : domainItems.filter((item) => SETTLED.has(item.status)).map(row),
      hiddenNoData: failingOnly ? domainItems.filter((item) => item.status === "no_data").length : 0,
    });
  }
  const allHrefs = Object.fromEntries(blocks.map((block) => [block.domain, allHref(block.domain as Domain)]));
  return <ItemsByDomainView accountId={accountId} blocks={blocks} view={view} allHref={allHrefs} />;
}
