"use client";

import type { SourceCursorRow } from "@/lib/data/runs/find-source-cursors";
import { formatTime } from "../../_components/format";

const STATE_BADGE: Record<string, string> = { ok: "badge ok", error: "badge error", disabled: "badge muted-badge" };

/**
 * Source cursors (account x region x source): where the next collection starts and the last
 * error. A client component given the rows as data, so the RSC payload carries the rows' fields
 * once instead of a tree of cells beside the same HTML (the collection page and the account page).
 */
export function CursorsTable({ rows }: { rows: SourceCursorRow[] }) {
  if (rows.length === 0) return <p className="muted">No cursors match.</p>;
  return (
    <table data-testid="cursors-table">
      <thead>
        <tr>
          <th>Account</th>
          <th>Region</th>
          <th>Source</th>
          <th>State</th>
          <th>Next collection starts at</th>
          <th>Updated</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((cursor) => (
          <tr key={`${cursor.accountId}-${cursor.region}-${cursor.source}`}>
            <td>
              {cursor.accountName}
              <div className="muted small">{cursor.accountId}</div>
            </td>
            <td className="small">{cursor.region}</td>
            <td className="small">{cursor.source}</td>
            <td>
              <span className={STATE_BADGE[cursor.state] ?? "badge"}>{cursor.state}</span>
            </td>
            <td className="small nowrap">{cursor.position ? formatTime(cursor.position) : "start of lookback"}</td>
            <td className="small nowrap">{formatTime(cursor.updatedAt)}</td>
            <td>
              {cursor.errorCode ? <strong className="small">{cursor.errorCode}</strong> : null}
              {cursor.error ? <div className="error-text">{cursor.error}</div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
