import type { AccountScorecard } from "@/lib/data/scores/get-account-scorecard";
import { formatTime } from "../../../_components/format";
import { CollectionCompleteness } from "./collection-completeness";

/** Who owns the account, how fresh its data is, and what the latest collection could not read. */
export function AccountHeader({ scorecard }: { scorecard: AccountScorecard }) {
  const { account, latestRun } = scorecard;
  const failed = latestRun?.problems.filter((problem) => problem.status === "failed") ?? [];
  const disabled = latestRun?.problems.filter((problem) => problem.status === "disabled") ?? [];
  return (
    <section className="panel" data-testid="account-header">
      <div className="grid-2" style={{ marginBottom: 0 }}>
        <dl className="facts">
          <dt>Account id</dt>
          <dd className="mono">{account.id}</dd>
          <dt>Owner</dt>
          <dd>{account.owner ?? <span className="muted">not set</span>}</dd>
          <dt>Status</dt>
          <dd>
            <span className={account.status === "active" ? "badge ok" : account.status === "unreachable" ? "badge error" : "badge"}>
              {account.status}
            </span>
            {account.statusError ? <div className="error-text">{account.statusError}</div> : null}
          </dd>
          <dt>Regions</dt>
          <dd>{account.regions.length > 0 ? account.regions.join(", ") : <span className="muted">none</span>}</dd>
          <dt>Last collected</dt>
          <dd data-testid="last-collected">{formatTime(account.lastCollectedAt)}</dd>
        </dl>
        <div>
          <div className="small muted" style={{ marginBottom: 6 }}>
            Latest collection:{" "}
            {latestRun ? (
              <>
                <span className={latestRun.status === "succeeded" ? "badge ok" : latestRun.status === "running" ? "badge" : "badge error"}>
                  {latestRun.status}
                </span>{" "}
                started {formatTime(latestRun.startedAt)}
                {latestRun.error ? <div className="error-text">{latestRun.error}</div> : null}
              </>
            ) : (
              "never ran"
            )}
          </div>
          {failed.length + disabled.length === 0 ? (
            <CollectionCompleteness latestRun={latestRun} problemCount={0} />
          ) : (
            <table data-testid="collection-problems">
              <thead>
                <tr>
                  <th>Region</th>
                  <th>Source</th>
                  <th>Problem</th>
                </tr>
              </thead>
              <tbody>
                {[...failed, ...disabled].map((problem) => (
                  <tr key={`${problem.region}:${problem.source}`}>
                    <td>{problem.region}</td>
                    <td>{problem.source}</td>
                    <td>
                      {problem.status === "failed" ? (
                        <>
                          <span className="badge error">failed{problem.errorCode ? `: ${problem.errorCode}` : ""}</span>
                          {problem.error ? <div className="error-text">{problem.error}</div> : null}
                        </>
                      ) : (
                        <span className="badge status-no_data">service disabled</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}
