import Link from "next/link";
import type { AccountListRow } from "@/lib/data/accounts/find-accounts";
import { AccountNameCell, CoverageCell, DeltaCell, ScoreCell, SeverityCountCell } from "../../_components/account-cells";
import { formatTime } from "../../_components/format";
import { accountListQuery, type AccountListEntry, type TAccountListParams } from "../_lib/account-list";
import { AccountRowActions } from "./account-row-actions";
import { TagsCell } from "./tags-cell";

const STATUS_BADGE: Record<string, string> = {
  active: "badge ok",
  pending: "badge",
  unreachable: "badge error",
  disabled: "badge muted-badge",
  data_only: "badge",
};

function SortLink({ label, sort, params }: { label: string; sort: TAccountListParams["sort"]; params: TAccountListParams }) {
  const active = params.sort === sort;
  const dir = active && params.dir === "asc" ? "desc" : "asc";
  // A new order starts again at page 1 (page 3 of another order is not a continuation).
  const query = accountListQuery(params, { sort, dir, page: 1 });
  return (
    <Link className="sort" href={`/accounts${query ? `?${query}` : ""}`} prefetch={false} data-testid={`sort-${sort}`}>
      {label}
      {active ? (params.dir === "asc" ? " ▲" : " ▼") : ""}
    </Link>
  );
}

/** A column header sorting by one or more keys (the id column also sorts by OU, which it shows under the id). */
function SortHeader({
  label,
  sort,
  params,
  numeric,
  also,
}: {
  label: string;
  sort: TAccountListParams["sort"];
  params: TAccountListParams;
  numeric?: boolean;
  also?: { label: string; sort: TAccountListParams["sort"] };
}) {
  const active = params.sort === sort || params.sort === also?.sort;
  return (
    <th
      scope="col"
      className={numeric ? "num" : undefined}
      aria-sort={active ? (params.dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <SortLink label={label} sort={sort} params={params} />
      {also ? (
        <>
          {" / "}
          <SortLink label={also.label} sort={also.sort} params={params} />
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
 * every column through links (the state is in the URL).
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
      <table data-testid="accounts-table">
        <thead>
          <tr>
            <SortHeader label="Account" sort="name" params={params} />
            <SortHeader label="Id" sort="id" params={params} also={{ label: "OU", sort: "ou" }} />
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
            return (
              <tr key={account.id} data-account-id={account.id}>
                <AccountNameCell id={account.id} name={account.name} sub={account.regions.join(", ")} />
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
              <a href={`/accounts/${account.id}`}>{account.name}</a>
            </td>
            <td className="mono">{account.id}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
