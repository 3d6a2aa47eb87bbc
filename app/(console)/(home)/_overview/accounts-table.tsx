import Link from "next/link";
import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import { AccountNameCell, CoverageCell, ScoreCell, SeverityCountCell } from "../../_components/account-cells";
import { formatTime } from "../../_components/format";
import { CoverageOrigin } from "./coverage-origin";
import type { TOverviewParams } from "./overview-params";

export type AccountsTableSort = { key: TOverviewParams["sort"]; dir: "asc" | "desc" };

function SortHeader({
  label,
  sortKey,
  sort,
  href,
  numeric,
}: {
  label: string;
  sortKey: AccountsTableSort["key"];
  sort: AccountsTableSort;
  href: (key: AccountsTableSort["key"], dir: "asc" | "desc") => string;
  numeric?: boolean;
}) {
  const active = sort.key === sortKey;
  const nextDir = active && sort.dir === "asc" ? "desc" : "asc";
  return (
    <th
      scope="col"
      className={numeric ? "num" : undefined}
      aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link className="sort" href={href(sortKey, nextDir)} scroll={false} prefetch={false} data-testid={`overview-sort-${sortKey}`}>
        {label}
        {active ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}

/**
 * One page of the accounts (sorted as a whole, then cut; see sortAccountsTable), each row
 * with its figures. Account names are plain anchors: one prefetching `next/link` per row
 * was render cost for no use (the accounts list is where one browses them all).
 */
/** One page of the accounts (sorted as a whole, then cut; see sortAccountsTable), each row with its figures. */
export function AccountsTable({
  accounts,
  sort,
  sortHref,
}: {
  accounts: AccountOverviewRow[];
  sort: AccountsTableSort;
  sortHref: (key: AccountsTableSort["key"], dir: "asc" | "desc") => string;
}) {
  if (accounts.length === 0) {
    return <p className="muted">No accounts yet. Register one with its role ARN and ExternalId (see README).</p>;
  }
  return (
    <table data-testid="accounts-table">
      <thead>
        <tr>
          <SortHeader label="Account" sortKey="name" sort={sort} href={sortHref} />
          <SortHeader label="Score" sortKey="score" sort={sort} href={sortHref} numeric />
          <SortHeader label="Coverage" sortKey="coverage" sort={sort} href={sortHref} numeric />
          <SortHeader label="Critical" sortKey="critical" sort={sort} href={sortHref} numeric />
          <SortHeader label="High" sortKey="high" sort={sort} href={sortHref} numeric />
          <SortHeader label="Medium" sortKey="medium" sort={sort} href={sortHref} numeric />
          <SortHeader label="Low" sortKey="low" sort={sort} href={sortHref} numeric />
          <SortHeader label="Last collected" sortKey="collected" sort={sort} href={sortHref} />
          <SortHeader label="Collection" sortKey="collection" sort={sort} href={sortHref} />
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => (
          <tr key={account.id} data-account-id={account.id}>
            <AccountNameCell id={account.id} name={account.name} sub={<span className="mono">{account.id}</span>} />
            <ScoreCell score={account.score} />
            <CoverageCell coverage={account.coverage}>
              <CoverageOrigin account={account} />
            </CoverageCell>
            <SeverityCountCell severity="critical" count={account.critical} testId="count-critical" />
            <SeverityCountCell severity="high" count={account.high} testId="count-high" />
            <SeverityCountCell severity="medium" count={account.medium} testId="count-medium" />
            <SeverityCountCell severity="low" count={account.low} testId="count-low" />
            <td>{formatTime(account.lastCollectedAt)}</td>
            <td>
              {account.status === "unreachable" ? (
                <>
                  <span className="badge error">unreachable</span>
                  <div className="error-text">{account.statusError}</div>
                </>
              ) : account.failedSteps > 0 ? (
                <>
                  <span className="badge error">{account.failedSteps} failed</span>
                  <div className="error-text">{account.statusError}</div>
                </>
              ) : account.lastCollectedAt ? (
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
