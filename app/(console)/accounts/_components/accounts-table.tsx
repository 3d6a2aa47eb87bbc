import Link from "next/link";
import type { AccountListRow } from "@/lib/data/accounts/find-accounts";
import { formatTime, scoreClass } from "../../_components/format";
import { AccountRowActions } from "./account-row-actions";


const STATUS_BADGE: Record<string, string> = {
  active: "badge ok",
  pending: "badge",
  unreachable: "badge error",
  disabled: "badge muted-badge",
  data_only: "badge",
};

export function AccountsTable({ accounts, canOperate, canManage }: { accounts: AccountListRow[]; canOperate: boolean; canManage: boolean }) {
  if (accounts.length === 0) return <p className="muted">No accounts yet.</p>;
  return (
    <table data-testid="accounts-table">
      <thead>
        <tr>
          <th>Account</th>
          <th>Owner</th>
          <th>Regions</th>
          <th>Status</th>
          <th>Last collected</th>
          <th className="num">Score</th>
          {canOperate ? <th>Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => (
          <tr key={account.id} data-account-id={account.id}>
            <td>
              <div>
                <Link href={`/accounts/${account.id}`}>{account.name}</Link>
              </div>
              <div className="muted" data-testid="account-id">{account.id}</div>
              {account.roleArn ? (
                <code className="muted small one-line" title={account.roleArn}>
                  {account.roleArn}
                </code>
              ) : null}
            </td>
            <td>{account.owner ?? <span className="muted">none</span>}</td>
            <td className="small">{account.regions.join(", ")}</td>
            <td data-testid="account-status">
              <span className={STATUS_BADGE[account.status] ?? "badge"}>{account.status === "data_only" ? "records only" : account.status}</span>
              {account.lastRunStatus && account.lastRunStatus !== "succeeded" ? (
                <span className={account.lastRunStatus === "running" ? "badge" : "badge error"}> last run {account.lastRunStatus}</span>
              ) : null}
              {account.statusError ? <div className="error-text">{account.statusError}</div> : null}
            </td>
            <td className="nowrap">{formatTime(account.lastCollectedAt)}</td>
            <td className="num">
              <span className={scoreClass(account.score)} data-testid="account-score">
                {account.score === null ? "n/a" : account.score.toFixed(1)}
              </span>
              {account.coverage !== null ? <div className="muted small">coverage {account.coverage.toFixed(0)}%</div> : null}
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
        ))}
      </tbody>
    </table>
  );
}
