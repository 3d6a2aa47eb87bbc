import { DOMAIN_TITLES, DOMAINS, type Domain } from "@/lib/checklist/types";
import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import { sortOverviewAccounts } from "./sort-overview-accounts";
import { formatPercent, formatScore } from "../../_components/format";
import { SortHeader } from "../../_components/sort-header";

export type HeatmapSort = { key: "name" | "score" | Domain; dir: "asc" | "desc" };

function heatClass(score: number | null | undefined): string {
  if (score === null || score === undefined) return "cell heat-none";
  if (score >= 80) return "cell heat-good";
  if (score >= 60) return "cell heat-fair";
  return "cell heat-poor";
}

function sortValue(account: AccountOverviewRow, key: HeatmapSort["key"]): string | number | null {
  if (key === "name") return account.name.toLowerCase();
  if (key === "score") return account.score;
  return account.domains[key]?.score ?? null;
}

/** Sorted copy of the whole set; accounts without a figure go last whatever the direction (they have nothing to compare). */
export function sortHeatmap(accounts: readonly AccountOverviewRow[], sort: HeatmapSort): AccountOverviewRow[] {
  return sortOverviewAccounts(accounts, (account) => sortValue(account, sort.key), sort.dir);
}

/**
 * Accounts x domains: each cell is the domain's score and coverage in the account's latest
 * snapshot, and links to that domain's section of the account page. A table, so it reads
 * cell by cell with a screen reader and the colour is never the only signal. The cells are
 * plain anchors: nine per row as `next/link` client components (each prefetching when
 * visible) were most of the overview's server render at 500 accounts. The row header's
 * look is a class, not an inline style object repeated in every row of the payload.
 */
export function DomainHeatmap({
  accounts,
  sort,
  sortHref,
}: {
  /** One page of accounts, already sorted as a whole (see sortHeatmap) and cut. */
  accounts: AccountOverviewRow[];
  sort: HeatmapSort;
  sortHref: (key: HeatmapSort["key"], dir: "asc" | "desc") => string;
}) {
  if (accounts.length === 0) return <p className="muted">No accounts yet.</p>;
  return (
    <div className="heatmap-scroll">
      <table className="heatmap" data-testid="heatmap">
        <caption className="sr-only">Score and coverage per account and domain; select a column heading to sort.</caption>
        <thead>
          <tr>
            <SortHeader label="Account" sortKey="name" sort={sort} href={sortHref} />
            <SortHeader label="Score" sortKey="score" sort={sort} href={sortHref} className="num" />
            {DOMAINS.map((domain) => (
              <SortHeader key={domain} label={DOMAIN_TITLES[domain]} sortKey={domain} sort={sort} href={sortHref} />
            ))}
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id} data-account-id={account.id}>
              <th scope="row" className="heat-account">
                <a href={`/accounts/${account.id}`}>{account.name}</a>
                <div className="muted small">{account.id}</div>
              </th>
              <td className="num score" data-testid="heat-score">
                {formatScore(account.score)}
              </td>
              {DOMAINS.map((domain) => {
                const cell = account.domains[domain];
                // One text node per span (template strings): adjacent JSX text pieces are
                // separate nodes, each an entry in the flight payload and a comment in the HTML.
                return (
                  <td key={domain} className={heatClass(cell?.score)} data-domain={domain}>
                    <a href={`/accounts/${account.id}#domain-${domain}`}>
                      <span className="sr-only">{`${account.name}, ${DOMAIN_TITLES[domain]}: score `}</span>
                      <span className="score">{formatScore(cell?.score)}</span>
                      <span className="cov">{`${formatPercent(cell?.coverage)} cov.`}</span>
                    </a>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
