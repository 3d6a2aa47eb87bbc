import type { RiskAcceptanceRow } from "@/lib/data/acceptances/find-risk-acceptances";
import { formatTime } from "../../../../../_components/format";
import { revokeRiskAction } from "../actions";

export function AcceptancesList({
  accountId,
  itemId,
  acceptances,
  canRevoke,
}: {
  accountId: string;
  itemId: string;
  acceptances: RiskAcceptanceRow[];
  canRevoke: boolean;
}) {
  if (acceptances.length === 0) return <p className="muted">No risk accepted for this item.</p>;
  return (
    <table data-testid="acceptances">
      <thead>
        <tr>
          <th>Scope</th>
          <th>Reason</th>
          <th>Owner</th>
          <th>Expires</th>
          <th>By</th>
          <th>State</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {acceptances.map((acceptance) => (
          <tr key={acceptance.id} data-acceptance-id={acceptance.id}>
            <td className="small">{acceptance.findingId ? <span className="mono">{acceptance.findingId}</span> : "whole item"}</td>
            <td className="small" style={{ maxWidth: 420, overflowWrap: "anywhere" }}>
              {acceptance.reason}
            </td>
            <td className="small">{acceptance.owner}</td>
            <td className="small">{formatTime(acceptance.expiresAt)}</td>
            <td className="small">
              {acceptance.createdBy}
              <div className="muted">{formatTime(acceptance.createdAt)}</div>
            </td>
            <td>
              {acceptance.revokedAt ? (
                <span className="badge">revoked {formatTime(acceptance.revokedAt)}</span>
              ) : acceptance.isActive ? (
                <span className="badge accepted">active</span>
              ) : (
                <span className="badge status-partial">expired</span>
              )}
            </td>
            <td>
              {canRevoke && acceptance.isActive ? (
                <form action={revokeRiskAction}>
                  <input type="hidden" name="accountId" value={accountId} />
                  <input type="hidden" name="itemId" value={itemId} />
                  <input type="hidden" name="acceptanceId" value={acceptance.id} />
                  <button type="submit" className="button secondary">
                    Revoke
                  </button>
                </form>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
