"use client";

import type { AttemptSignal } from "@/lib/checklist/events/find-attempt-signals";
import { recordHref } from "../../../_components/account-links";
import { formatTime } from "../../../_components/format";

/**
 * Failed and denied attempts: worth an analyst's look, but no checklist item fails because of
 * them. A client component given the signals as data (a few short fields and at most 20 event
 * ids each), so the RSC payload does not carry the rendered rows beside their HTML.
 */
export function AttemptSignals({ accountId, signals }: { accountId: string; signals: AttemptSignal[] }) {
  if (signals.length === 0) return <p className="small muted">No failed or refused attempts in the last 30 days.</p>;
  return (
    <table data-testid="attempt-signals">
      <thead>
        <tr>
          <th>Signal</th>
          <th className="num">Attempts</th>
          <th>Latest</th>
          <th>By</th>
        </tr>
      </thead>
      <tbody>
        {signals.map((signal) => (
          <tr key={signal.kind}>
            <td>
              <strong>{signal.title}</strong>
              <div className="small muted">{signal.why}</div>
            </td>
            <td className="num">{signal.atLeast ? `at least ${signal.count}` : signal.count}</td>
            <td>
              <a href={recordHref(accountId, "event", signal.eventIds[0]!)}>{formatTime(signal.latest)}</a>
            </td>
            <td className="small mono">
              {signal.actors.slice(0, 3).join(", ")}
              {signal.actors.length > 3 ? ` (+${signal.actors.length - 3})` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
