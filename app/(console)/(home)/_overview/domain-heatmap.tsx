"use client";

import { DOMAIN_TITLES, DOMAINS } from "@/lib/checklist/types";
import type { HeatmapRow, HeatmapSort, HeatmapSortKey } from "./heatmap-rows";
import { formatPercent, formatScore } from "../../_components/format";
import { SortHeader } from "../../_components/sort-header";

function heatClass(score: number | null): string {
  if (score === null) return "cell heat-none";
  if (score >= 80) return "cell heat-good";
  if (score >= 60) return "cell heat-fair";
  return "cell heat-poor";
}

/**
 * Accounts x domains: each cell is the domain's score and coverage in the account's latest
 * snapshot, and links to that domain's section of the account page. A table, so it reads
 * cell by cell with a screen reader and the colour is never the only signal. The cells are
 * plain anchors: nine per row as `next/link` client components (each prefetching when
 * visible) were most of the overview's server render at 500 accounts. The row header's
 * look is a class, not an inline style object repeated in every row of the payload.
 * One client component for the table, given the rows' figures (see HeatmapRow) and the
 * sort links ready made: the flight payload carries the figures, not the rendered rows.
 */
export function DomainHeatmap({
  accounts,
  sort,
  sortHrefs,
}: {
  /** One page of accounts, already sorted as a whole and cut in SQL (see selectHeatmapPage). */
  accounts: HeatmapRow[];
  sort: HeatmapSort;
  /** Each heading's link: the table sorted by it (the other direction when it is the current sort). */
  sortHrefs: Record<HeatmapSortKey, string>;
}) {
  const sortHref = (key: HeatmapSortKey) => sortHrefs[key];
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
              {DOMAINS.map((domain, index) => {
                const [score, coverage] = account.cells[index] ?? [null, null];
                // Two elements per cell, not five: the score and the coverage are one text node
                // on two lines (the stylesheet breaks it and sets the first line as the score),
                // and the link's accessible name is its label, which says whose cell it is and
                // then the text shown. The screen-reader span and the two styled spans were 600
                // of the table's ~1,170 elements at 25 rows, each costing render time.
                const [scoreText, coverageText] = [formatScore(score), `${formatPercent(coverage)} cov.`];
                return (
                  <td key={domain} className={heatClass(score)} data-domain={domain}>
                    <a
                      href={`/accounts/${account.id}#domain-${domain}`}
                      aria-label={`${account.name}, ${DOMAIN_TITLES[domain]}: score ${scoreText} ${coverageText}`}
                    >{`${scoreText}\n${coverageText}`}</a>
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
