"use client";

import { AccountNameCell, CoverageCell, ScoreCell, SeverityCountCell } from "../../_components/account-cells";
import { SortHeader } from "../../_components/sort-header";
import type { OverviewTableRow, OverviewTableSortKey } from "./overview-table-rows";

export type AccountsTableSort = { key: OverviewTableSortKey; dir: "asc" | "desc" };

/**
 * One page of the accounts (sorted as a whole, then cut, in SQL; see selectOverviewTablePage), each row
 * with its figures. Account names are plain anchors: one prefetching `next/link` per row
 * was render cost for no use (the accounts list is where one browses them all). One client
 * component for the table, given the rows' figures (see OverviewTableRow) and the sort links
 * ready made, so the flight payload carries the figures, not the rendered rows.
 */
export function AccountsTable({
  accounts,
  sort,
  sortHrefs,
}: {
  accounts: OverviewTableRow[];
  sort: AccountsTableSort;
  /** Each heading's link: the table sorted by it (the other direction when it is the current sort). */
  sortHrefs: Record<OverviewTableSortKey, string>;
}) {
  const sortHref = (key: OverviewTableSortKey) => sortHrefs[key];
  if (accounts.length === 0) {
    return <p className="muted">No accounts yet. Register one with its role ARN and ExternalId (see README).</p>;
  }
  return (
    <table data-testid="accounts-table">
      <thead>
        <tr>
          <SortHeader label="Account" sortKey="name" sort={sort} href={sortHref} testId="overview-sort-name" />
          <SortHeader label="Score" sortKey="score" sort={sort} href={sortHref} className="num" testId="overview-sort-score" />
          <SortHeader label="Coverage" sortKey="coverage" sort={sort} href={sortHref} className="num" testId="overview-sort-coverage" />
          <SortHeader label="Critical" sortKey="critical" sort={sort} href={sortHref} className="num" testId="overview-sort-critical" />
          <SortHeader label="High" sortKey="high" sort={sort} href={sortHref} className="num" testId="overview-sort-high" />
          <SortHeader label="Medium" sortKey="medium" sort={sort} href={sortHref} className="num" testId="overview-sort-medium" />
          <SortHeader label="Low" sortKey="low" sort={sort} href={sortHref} className="num" testId="overview-sort-low" />
          <SortHeader label="Last collected" sortKey="collected" sort={sort} href={sortHref} testId="overview-sort-collected" />
          <SortHeader label="Collection" sortKey="collection" sort={sort} href={sortHref} testId="overview-sort-collection" />
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => (
          <tr key={account.id} data-account-id={account.id}>
            <AccountNameCell id={account.id} name={account.name} sub={account.id} isSubMono />
            <ScoreCell score={account.score} />
            <CoverageCell coverage={account.coverage}>
              {account.origin ? (
                <div className="small muted" data-testid="coverage-origin">
                  {account.origin}
                </div>
              ) : null}
            </CoverageCell>
            <SeverityCountCell severity="critical" count={account.critical} testId="count-critical" />
            <SeverityCountCell severity="high" count={account.high} testId="count-high" />
            <SeverityCountCell severity="medium" count={account.medium} testId="count-medium" />
            <SeverityCountCell severity="low" count={account.low} testId="count-low" />
            <td>{account.collected}</td>
            <td>
              {account.collection === "unreachable" ? (
                <>
                  <span className="badge error">unreachable</span>
                  <div className="error-text">{account.error}</div>
                </>
              ) : account.collection === "failed" ? (
                <>
                  <span className="badge error">{`${account.failedSteps} failed`}</span>
                  <div className="error-text">{account.error}</div>
                </>
              ) : account.collection === "ok" ? (
                <span className="badge ok">ok</span>
              ) : (
                <span className="badge">pending</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
