import Link from "next/link";
import { sourceLabel } from "@/lib/aws/sources";
import type { FindingRow } from "@/lib/data/findings/find-findings";

function formatTime(value: Date): string {
  return new Date(value).toISOString().replace("T", " ").slice(0, 16);
}

const SEVERITY_CLASS: Record<string, string> = {
  CRITICAL: "sev-critical",
  HIGH: "sev-high",
  MEDIUM: "sev-medium",
  LOW: "sev-low",
};

export function FindingsTable({ rows }: { rows: FindingRow[] }) {
  if (rows.length === 0) return <p className="muted" data-testid="findings-empty">No findings match these filters.</p>;
  return (
    <div className="table-scroll">
      <table data-testid="findings-table">
        <thead>
          <tr>
            <th>Severity</th>
            <th>Finding</th>
            <th>Account</th>
            <th>Region / source</th>
            <th>Control</th>
            <th>Resource</th>
            <th>Status</th>
            <th>Last seen (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-finding-id={row.id}>
              <td className="nowrap">
                <span className={SEVERITY_CLASS[row.severityLabel] ?? "muted"} data-testid="finding-severity">
                  {row.severityLabel}
                </span>
                <div className="muted small">{row.severity.toFixed(1)}</div>
              </td>
              <td className="title">
                <Link href={`/accounts/${row.accountId}/records/finding/${encodeURIComponent(row.sourceId)}`} data-testid="finding-title">
                  {row.title}
                </Link>
                <div className="muted small one-line" title={row.type}>
                  {row.type}
                </div>
                {row.linkedGuardDutyId ? <div className="muted small">copy of a GuardDuty finding</div> : null}
              </td>
              <td>
                <Link href={`/accounts/${row.accountId}`}>{row.accountName}</Link>
                <div className="muted small">{row.accountId}</div>
              </td>
              <td className="small nowrap">
                {row.region}
                <div className="muted">{sourceLabel(row.source)}</div>
              </td>
              <td className="small">{row.controlId ?? ""}</td>
              <td className="small resource">
                {row.resourceType ? <div>{row.resourceType}</div> : null}
                {row.resourceId ? (
                  <div className="muted one-line" title={row.resourceId}>
                    {row.resourceId}
                  </div>
                ) : null}
              </td>
              <td className="small">
                {row.status}
                {row.workflowStatus ? <div className="muted">{row.workflowStatus}</div> : null}
                {row.complianceStatus ? <div className="muted">{row.complianceStatus}</div> : null}
              </td>
              <td className="small nowrap">{formatTime(row.lastSeenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
