"use client";

import type { AccountSecurityEvent } from "@/lib/data/checklist/find-account-security-events";
import { recordHref } from "../../../_components/account-links";
import { formatTime } from "../../../_components/format";

/**
 * One page of the timeline, drawn from the event rows themselves (ten short fields each), so
 * the RSC payload carries the rows as data rather than as a tree of cells beside the HTML.
 * Record links are plain anchors, as in the items table.
 */
export function SecurityEventsTable({ accountId, events }: { accountId: string; events: AccountSecurityEvent[] }) {
  return (
    <table data-testid="security-events">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Event</th>
          <th scope="col">Who</th>
          <th scope="col">Region</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.eventId} data-event-id={event.eventId}>
            <td className="small nowrap">{formatTime(event.eventTime)}</td>
            <td>
              <a href={recordHref(accountId, "event", event.eventId)}>{event.eventName}</a>
              <div className="small muted">{event.eventSource}</div>
            </td>
            <td className="small">
              <span className="mono">{event.userArn ?? event.userType ?? "unknown"}</span>
              <div className="muted">
                {`${event.sourceIp ?? ""}${event.mfaUsed === false ? " · no MFA" : event.mfaUsed ? " · MFA" : ""}`}
              </div>
            </td>
            <td className="small">{event.region}</td>
            <td>
              {event.errorCode ? (
                <span className="badge status-fail">refused: {event.errorCode}</span>
              ) : (
                <span className="badge">succeeded</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
