import Link from "next/link";
import { sourceLabel } from "@/lib/aws/sources";
import type { LatestRunRow } from "@/lib/data/runs/find-latest-runs";
import { formatTime } from "../../_components/format";
import { formatDuration, RUN_BADGE } from "./format";

/** Latest run per account, with one tile per region x source step of that run. */
export function LatestRuns({ runs }: { runs: LatestRunRow[] }) {
  if (runs.length === 0) return <p className="muted">No accounts in your scope.</p>;
  return (
    <table data-testid="latest-runs">
      <thead>
        <tr>
          <th>Account</th>
          <th>Latest run</th>
          <th>Region x source</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.accountId} data-account-id={run.accountId}>
            <td>
              <Link href={`/accounts/${run.accountId}`}>{run.accountName}</Link>
              <div className="muted small">{run.accountId}</div>
              {/* A plain anchor: one per row, and the filter is the URL. */}
              <a className="small" href={`/collection?account=${run.accountId}`}>
                runs and cursors
              </a>
              {run.accountStatus === "disabled" ? <span className="badge muted-badge">disabled</span> : null}
            </td>
            <td className="nowrap">
              {run.status ? (
                <>
                  <span className={RUN_BADGE[run.status] ?? "badge"} data-testid="run-status">
                    {run.status}
                  </span>
                  <div className="small">{formatTime(run.startedAt)}</div>
                  <div className="muted small">
                    {run.trigger} · {formatDuration(run.startedAt, run.finishedAt)}
                  </div>
                  {run.error ? <div className="error-text">{run.error}</div> : null}
                </>
              ) : (
                <span className="muted">never collected</span>
              )}
            </td>
            <td>
              {run.steps.length === 0 ? (
                run.status ? (
                  <span className="muted small">no region/source step (the role could not be assumed)</span>
                ) : null
              ) : (
                <div className="step-grid">
                  {run.steps.map((step) => (
                    <div
                      key={`${step.region}-${step.source}`}
                      className={`step ${step.status}`}
                      data-step={`${step.region}/${step.source}`}
                    >
                      <div className="head">
                        <span>
                          {step.region} · {sourceLabel(step.source)}
                        </span>
                        <span className="muted">{step.status}</span>
                      </div>
                      <div className="muted">
                        {step.fetched} fetched · {step.inserted} new · {step.updated} updated ·{" "}
                        {formatDuration(step.startedAt, step.finishedAt)}
                      </div>
                      {step.errorCode || step.error ? (
                        <div className={step.status === "failed" ? "error-text" : "muted"}>
                          {step.errorCode ? <strong>{step.errorCode}</strong> : null} {step.error}
                        </div>
                      ) : null}
                    </div>
                  ))}
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
