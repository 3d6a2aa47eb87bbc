import { formatTime } from "../../_components/format";
import type { AuditEntryRow } from "@/lib/data/audit/find-audit-entries";

function describeDetail(detail: unknown): string {
  if (!detail || typeof detail !== "object" || Object.keys(detail).length === 0) return "";
  return JSON.stringify(detail);
}

export function AuditTable({ rows }: { rows: AuditEntryRow[] }) {
  if (rows.length === 0) return <p className="muted">No entries match.</p>;
  return (
    <table aria-label="Audit entries">
      <thead>
        <tr>
          <th>When</th>
          <th>Who</th>
          <th>From</th>
          <th>What</th>
          <th>Target</th>
          <th>Detail</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="nowrap small">{formatTime(row.at)}</td>
            <td>{row.actorEmail ?? <span className="muted">system</span>}</td>
            <td className="small">{row.ip ?? <span className="muted">unknown</span>}</td>
            <td>
              <code>{row.action}</code>
            </td>
            <td className="small">{row.target ?? ""}</td>
            <td className="small muted">{describeDetail(row.detail)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
