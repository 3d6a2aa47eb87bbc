"use client";

import { DOMAIN_TITLES, DOMAINS, type DomainScore } from "@/lib/checklist/types";
import type { Domain } from "@/lib/checklist/types";
import { formatPercent, formatScore, scoreClass } from "../../../_components/format";

/** The eight domains' figures; a client component given the figures, not the rendered rows (see AttemptSignals). */
export function DomainsTable({ domains }: { domains: Partial<Record<Domain, DomainScore>> }) {
  return (
    <table data-testid="domains-table">
      <thead>
        <tr>
          <th>Domain</th>
          <th className="num">Score</th>
          <th className="num">Risk-adjusted</th>
          <th className="num">Coverage</th>
        </tr>
      </thead>
      <tbody>
        {DOMAINS.map((domain) => {
          const figures = domains[domain];
          return (
            <tr key={domain} data-domain={domain}>
              <td>
                <a href={`#domain-${domain}`}>{DOMAIN_TITLES[domain]}</a>
              </td>
              <td className="num">
                <span className={scoreClass(figures?.score)}>{formatScore(figures?.score)}</span>
              </td>
              <td className="num">{formatScore(figures?.riskAdjustedScore)}</td>
              <td className="num">{formatPercent(figures?.coverage)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
