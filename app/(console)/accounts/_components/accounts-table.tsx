import { formatTime } from "../../_components/format";
import { sortHrefs } from "../../_components/sort-hrefs";
import { ACCOUNT_SORTS, accountListQuery, type AccountListEntry, type TAccountListParams } from "../_lib/account-list";
import { AccountsTableView, type AccountsTableRow } from "./accounts-table-view";

function toRow(account: AccountListEntry): AccountsTableRow {
  return {
    id: account.id,
    name: account.name,
    regions: account.regions.join(", "),
    ouPath: account.ouPath,
    owner: account.owner,
    tags: account.tags,
    score: account.score,
    change: account.change,
    coverage: account.coverage,
    critical: account.critical,
    high: account.high,
    collected: formatTime(account.lastCollectedAt),
    stale: account.stale,
    status: account.status,
    lastRunStatus: account.lastRunStatus,
    statusError: account.statusError,
    hasRole: account.roleArn !== null,
  };
}

/**
 * One page of the registered accounts (filtered, sorted and cut in SQL by findAccountListPage): the rows'
 * fields and each column's sort link for the client table (see AccountsTableView).
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
  const hrefs = sortHrefs(ACCOUNT_SORTS, { key: params.sort, dir: params.dir }, (sort, dir) => {
    // A new order starts again at page 1 (page 3 of another order is not a continuation).
    const query = accountListQuery(params, { sort, dir, page: 1 });
    return `/accounts${query ? `?${query}` : ""}`;
  });
  return (
    <AccountsTableView
      accounts={accounts.map(toRow)}
      sorting={{ sort: params.sort, dir: params.dir, hrefs }}
      canOperate={canOperate}
      canManage={canManage}
    />
  );
}

/** One page of the accounts Parapet only knows from imported records: no role, so nothing to sort or operate. */
export function RecordsOnlyTable({ accounts }: { accounts: Array<{ id: string; name: string }> }) {
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
