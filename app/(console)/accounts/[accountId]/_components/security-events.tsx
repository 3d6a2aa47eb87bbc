import Link from "next/link";
import type { AccountSecurityEvent } from "@/lib/data/checklist/find-account-security-events";
import { recordHref } from "../../../_components/account-links";
import { formatTime } from "../../../_components/format";

export function SecurityEvents({ accountId, events }: { accountId: string; events: AccountSecurityEvent[] }) {
  if (events.length === 0) return <p className="muted">No security-relevant CloudTrail events collected for this account.</p>;
  return (
    <table data-testid="security-events">
      <thead>
        <tr>
          <th>Time</th>
          <th>Event</th>
          <th>Who</th>
          <th>Region</th>
          <th>Result</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.eventId}>
            <td className="small" style={{ whiteSpace: "nowrap" }}>
              {formatTime(event.eventTime)}
            </td>
            <td>
              <Link href={recordHref(accountId, "event", event.eventId)}>{event.eventName}</Link>
              <div className="small muted">{event.eventSource}</div>
            </td>
            <td className="small">
              <span className="mono">{event.userArn ?? event.userType ?? "unknown"}</span>
              <div className="muted">
                {event.sourceIp ?? ""}
                {event.mfaUsed === false ? " · no MFA" : event.mfaUsed ? " · MFA" : ""}
              </div>
            </td>
            <td className="small">{event.region}</td>
            <td>{event.errorCode ? <span className="badge status-no_data">failed: {event.errorCode}</span> : <span className="badge">succeeded</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
