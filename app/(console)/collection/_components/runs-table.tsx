import Link from "next/link";
import type { RunRow } from "@/lib/data/runs/find-runs";
import { formatTime } from "../../_components/format";
import { formatDuration, RUN_BADGE } from "./format";

export function RunsTable({ rows }: { rows: RunRow[] }) {
  if (rows.length === 0) return <p className="muted">No runs match.</p>;
  return (
    <table data-testid="runs-table">
      <thead>
        <tr>
          <th>Started</th>
          <th>Account</th>
          <th>Status</th>
          <th>Trigger</th>
          <th className="num">Duration</th>
          <th className="num">Fetched</th>
          <th className="num">New</th>
          <th className="num">Updated</th>
          <th className="num">Failed steps</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((run) => (
          <tr key={run.id} data-run-id={run.id}>
            <td className="nowrap small">{formatTime(run.startedAt)}</td>
            <td>
              <Link href={`/accounts/${run.accountId}`}>{run.accountName}</Link>
              <div className="muted small">{run.accountId}</div>
            </td>
            <td>
              <span className={RUN_BADGE[run.status] ?? "badge"}>{run.status}</span>
            </td>
            <td className="small">{run.trigger}</td>
            <td className="num small">{formatDuration(run.startedAt, run.finishedAt)}</td>
            <td className="num">{run.fetched}</td>
            <td className="num">{run.inserted}</td>
            <td className="num">{run.updated}</td>
            <td className="num">
              {run.failedSteps > 0 ? <span className="sev-high">{run.failedSteps}</span> : 0}{" "}
              <span className="muted small">/ {run.steps}</span>
            </td>
            <td>{run.error ? <div className="error-text">{run.error}</div> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
