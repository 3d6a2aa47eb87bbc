import Link from "next/link";
import type { AccountListRow } from "@/lib/data/accounts/find-accounts";
import { formatDelta, formatTime, scoreClass } from "../../_components/format";
import { accountListQuery, type AccountListEntry, type TAccountListParams } from "../_lib/account-list";
import { AccountRowActions } from "./account-row-actions";

const STATUS_BADGE: Record<string, string> = {
  active: "badge ok",
  pending: "badge",
  unreachable: "badge error",
  disabled: "badge muted-badge",
  data_only: "badge",
};

function SortHeader({
  label,
  sort,
  params,
  numeric,
}: {
  label: string;
  sort: TAccountListParams["sort"];
  params: TAccountListParams;
  numeric?: boolean;
}) {
  const active = params.sort === sort;
  const dir = active && params.dir === "asc" ? "desc" : "asc";
  // A new order starts again at page 1 (page 3 of another order is not a continuation).
  const query = accountListQuery(params, { sort, dir, page: 1 });
  return (
    <th
      scope="col"
      className={numeric ? "num" : undefined}
      aria-sort={active ? (params.dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link className="sort" href={`/accounts${query ? `?${query}` : ""}`} prefetch={false} data-testid={`sort-${sort}`}>
        {label}
        {active ? (params.dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}

function Tags({ tags }: { tags: Record<string, string> }) {
  const entries = Object.entries(tags);
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <span className="small">
      {entries.map(([key, value]) => (
        <Link key={key} href={`/accounts?tag=${encodeURIComponent(`${key}=${value}`)}`} className="badge" style={{ marginRight: 4 }}>
          {key}={value}
        </Link>
      ))}
    </span>
  );
}

/**
 * One page of the registered accounts (filtered and sorted as a whole, then cut), sortable by
 * every column through links (the state is in the URL). Links do not prefetch: a hundred rows
 * of prefetched account pages is load for nothing.
 */
export function AccountsTable({
  accounts,
  params,
  canOperate,
  canManage,
}: {
  accounts: AccountListEntry[];
  params: TAccountListParams;
  canOperate: boolean;
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
      <table data-testid="accounts-table">
        <thead>
          <tr>
            <SortHeader label="Account" sort="name" params={params} />
            <SortHeader label="Id" sort="id" params={params} />
            <SortHeader label="Owner" sort="owner" params={params} />
            <th scope="col">Tags</th>
            <SortHeader label="Score" sort="score" params={params} numeric />
            <SortHeader label="vs last week" sort="change" params={params} numeric />
            <SortHeader label="Coverage" sort="coverage" params={params} numeric />
            <SortHeader label="Critical" sort="critical" params={params} numeric />
            <SortHeader label="High" sort="high" params={params} numeric />
            <SortHeader label="Last collected" sort="freshness" params={params} />
            <SortHeader label="Status" sort="status" params={params} />
            {canOperate ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => {
            const change = formatDelta(account.change);
            return (
              <tr key={account.id} data-account-id={account.id}>
                <td>
                  <Link href={`/accounts/${account.id}`} prefetch={false}>
                    {account.name}
                  </Link>
                  <div className="muted small">{account.regions.join(", ")}</div>
                </td>
                <td className="mono nowrap" data-testid="account-id">
                  {account.id}
                </td>
                <td>{account.owner ?? <span className="muted">none</span>}</td>
                <td>
                  <Tags tags={account.tags} />
                </td>
                <td className="num">
                  <span className={scoreClass(account.score)} data-testid="account-score">
                    {account.score === null ? "n/a" : account.score.toFixed(1)}
                  </span>
                </td>
                <td className={`num ${change.className}`} data-testid="account-change">
                  {change.text}
                </td>
                <td className="num" data-testid="account-coverage">
                  {account.coverage === null ? "n/a" : `${account.coverage.toFixed(0)}%`}
                </td>
                <td className="num sev-critical" data-testid="account-critical">
                  {account.critical}
                </td>
                <td className="num sev-high" data-testid="account-high">
                  {account.high}
                </td>
                <td className="nowrap small">
                  {formatTime(account.lastCollectedAt)}
                  {account.stale ? <div className="badge warn">stale</div> : null}
                </td>
                <td data-testid="account-status">
                  <span className={STATUS_BADGE[account.status] ?? "badge"}>{account.status}</span>
                  {account.lastRunStatus && account.lastRunStatus !== "succeeded" ? (
                    <span className={account.lastRunStatus === "running" ? "badge" : "badge error"}> last run {account.lastRunStatus}</span>
                  ) : null}
                  {account.statusError ? <div className="error-text">{account.statusError}</div> : null}
                </td>
                {canOperate ? (
                  <td>
                    <AccountRowActions
                      accountId={account.id}
                      isDisabled={account.status === "disabled"}
                      hasRole={account.roleArn !== null}
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

/** Accounts Parapet only knows from imported records: no role, so nothing to sort or operate. */
export function RecordsOnlyTable({ accounts }: { accounts: AccountListRow[] }) {
  return (
    <table data-testid="records-only-table">
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">Id</th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => (
          <tr key={account.id} data-account-id={account.id}>
            <td>
              <Link href={`/accounts/${account.id}`}>{account.name}</Link>
            </td>
            <td className="mono">{account.id}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
