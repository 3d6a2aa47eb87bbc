"use client";

import Link from "next/link";
import { AccountNameCell, CoverageCell, DeltaCell, ScoreCell, SeverityCountCell } from "../../_components/account-cells";
import type { TAccountListParams } from "../_lib/account-list";
import { AccountRowActions } from "./account-row-actions";
import { TagsCell } from "./tags-cell";

type SortKey = TAccountListParams["sort"];

/** One row of the accounts list as the (client) table gets it: the entry's fields it shows, times formatted on the server (UTC). */
export interface AccountsTableRow {
  id: string;
  name: string;
  regions: string;
  ouPath: string | null;
  owner: string | null;
  tags: Record<string, string>;
  score: number | null;
  change: number | null;
  coverage: number | null;
  critical: number;
  high: number;
  collected: string;
  stale: boolean;
  status: string;
  lastRunStatus: string | null;
  statusError: string | null;
  hasRole: boolean;
}

/** The current order and each column's link (made on the server: the state is in the URL, and a function cannot cross to a client component). */
export interface AccountsTableSorting {
  sort: SortKey;
  dir: "asc" | "desc";
  hrefs: Record<SortKey, string>;
}

const STATUS_BADGE: Record<string, string> = {
  active: "badge ok",
  pending: "badge",
  unreachable: "badge error",
  disabled: "badge muted-badge",
  data_only: "badge",
};

function SortLink({ label, sort, sorting }: { label: string; sort: SortKey; sorting: AccountsTableSorting }) {
  const active = sorting.sort === sort;
  return (
    <Link className="sort" href={sorting.hrefs[sort]} prefetch={false} data-testid={`sort-${sort}`}>
      {label}
      {active ? (sorting.dir === "asc" ? " ▲" : " ▼") : ""}
    </Link>
  );
}

/** A column header sorting by one or more keys (the id column also sorts by OU, which it shows under the id). */
function SortHeader({
  label,
  sort,
  sorting,
  numeric,
  also,
}: {
  label: string;
  sort: SortKey;
  sorting: AccountsTableSorting;
  numeric?: boolean;
  also?: { label: string; sort: SortKey };
}) {
  const active = sorting.sort === sort || sorting.sort === also?.sort;
  return (
    <th
      scope="col"
      className={numeric ? "num" : undefined}
      aria-sort={active ? (sorting.dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <SortLink label={label} sort={sort} sorting={sorting} />
      {also ? (
        <>
          {" / "}
          <SortLink label={also.label} sort={also.sort} sorting={sorting} />
        </>
      ) : null}
    </th>
  );
}

/** The OU path's last OU, linked to the list filtered by it; the whole path in the title. A plain anchor: one per row. */
function OuLink({ ouPath }: { ouPath: string | null }) {
  if (!ouPath) return <span className="muted">not discovered</span>;
  const leaf = ouPath.split("/").at(-1) ?? ouPath;
  return (
    <a href={`/accounts?ou=${encodeURIComponent(leaf)}`} className="mono small nowrap" title={ouPath} data-testid="account-ou">
      {leaf}
    </a>
  );
}

/**
 * One page of the registered accounts (filtered and sorted as a whole, then cut), sortable by
 * every column through links (the state is in the URL). One client component for the table
 * (the row actions and tag editors are its children, not one client component per row),
 * given compact rows: the flight payload carries the rows' fields, not every rendered row.
 */
export function AccountsTableView({
  accounts,
  sorting,
  canOperate,
  canManage,
}: {
  accounts: AccountsTableRow[];
  sorting: AccountsTableSorting;
  canOperate: boolean;
  /** Admins: edit settings and tags (tags decide tag scopes, so they are an access change). */
  canManage: boolean;
}) {
  if (accounts.length === 0)
    return (
      <p className="muted" data-testid="accounts-empty">
        No account matches these filters.
      </p>
    );
  return (
    <div className="table-scroll">
      <table data-testid="accounts-table" className="accounts-list">
        <thead>
          <tr>
            <SortHeader label="Account" sort="name" sorting={sorting} />
            <SortHeader label="Id" sort="id" sorting={sorting} also={{ label: "OU", sort: "ou" }} />
            <SortHeader label="Owner" sort="owner" sorting={sorting} />
            <th scope="col">Tags</th>
            <SortHeader label="Score" sort="score" sorting={sorting} numeric />
            <SortHeader label="vs last week" sort="change" sorting={sorting} numeric />
            <SortHeader label="Coverage" sort="coverage" sorting={sorting} numeric />
            <SortHeader label="Critical" sort="critical" sorting={sorting} numeric />
            <SortHeader label="High" sort="high" sorting={sorting} numeric />
            <SortHeader label="Last collected (UTC)" sort="freshness" sorting={sorting} />
            <SortHeader label="Status" sort="status" sorting={sorting} />
            {canOperate ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => {
            return (
              <tr key={account.id} data-account-id={account.id}>
                <AccountNameCell id={account.id} name={account.name} sub={account.regions} className="account-cell" />
                <td className="nowrap">
                  <div className="mono" data-testid="account-id">
                    {account.id}
                  </div>
                  <OuLink ouPath={account.ouPath} />
                </td>
                <td>{account.owner ?? <span className="muted">none</span>}</td>
                <td>
                  <TagsCell accountId={account.id} tags={account.tags} canEdit={canManage} />
                </td>
                <ScoreCell score={account.score} />
                <DeltaCell delta={account.change} testId="account-change" />
                <CoverageCell coverage={account.coverage} />
                <SeverityCountCell severity="critical" count={account.critical} testId="account-critical" />
                <SeverityCountCell severity="high" count={account.high} testId="account-high" />
                <td className="nowrap small">
                  {/* UTC is in the header: the cell's " UTC" was the width a 1440 px row lacked. */}
                  {account.collected.replace(/ UTC$/, "")}
                  {account.stale ? <div className="badge warn">stale</div> : null}
                </td>
                <td data-testid="account-status">
                  <span className={STATUS_BADGE[account.status] ?? "badge"}>{account.status}</span>
                  {account.lastRunStatus && account.lastRunStatus !== "succeeded" ? (
                    <span
                      className={account.lastRunStatus === "running" ? "badge" : "badge error"}
                    >{` last run ${account.lastRunStatus}`}</span>
                  ) : null}
                  {account.statusError ? <div className="error-text">{account.statusError}</div> : null}
                </td>
                {canOperate ? (
                  <td>
                    <AccountRowActions
                      accountId={account.id}
                      isDisabled={account.status === "disabled"}
                      hasRole={account.hasRole}
                      canOperate={canOperate}
                      canManage={canManage}
                    />
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
