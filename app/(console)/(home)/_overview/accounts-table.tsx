import Link from "next/link";
import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import { formatTime, scoreClass } from "../../_components/format";
import { CoverageOrigin } from "./coverage-origin";

export function AccountsTable({ accounts }: { accounts: AccountOverviewRow[] }) {
  if (accounts.length === 0) {
    return <p className="muted">No accounts yet. Register one with its role ARN and ExternalId (see README).</p>;
  }
  return (
    <table data-testid="accounts-table">
      <thead>
        <tr>
          <th>Account</th>
          <th className="num">Score</th>
          <th className="num">Coverage</th>
          <th className="num">Critical</th>
          <th className="num">High</th>
          <th className="num">Medium</th>
          <th className="num">Low</th>
          <th>Last collected</th>
          <th>Collection</th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => (
          <tr key={account.id} data-account-id={account.id}>
            <td>
              <div>
                <Link href={`/accounts/${account.id}`}>{account.name}</Link>
              </div>
              <div className="muted">{account.id}</div>
            </td>
            <td className="num">
              <span className={scoreClass(account.score)} data-testid="account-score">
                {account.score === null ? "n/a" : account.score.toFixed(1)}
              </span>
            </td>
            <td className="num" data-testid="account-coverage">
              {account.coverage === null ? "n/a" : `${account.coverage.toFixed(0)}%`}
              <CoverageOrigin account={account} />
            </td>
            <td className="num sev-critical" data-testid="count-critical">
              {account.critical}
            </td>
            <td className="num sev-high" data-testid="count-high">
              {account.high}
            </td>
            <td className="num sev-medium" data-testid="count-medium">
              {account.medium}
            </td>
            <td className="num sev-low" data-testid="count-low">
              {account.low}
            </td>
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
