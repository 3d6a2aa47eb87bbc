import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import { AccountNameCell, CoverageCell, ScoreCell, SeverityCountCell } from "../../_components/account-cells";
import { formatTime } from "../../_components/format";
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
