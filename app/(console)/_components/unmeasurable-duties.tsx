"use client";

import { useState } from "react";
import { UNMEASURABLE_DUTIES } from "@/lib/checklist/unmeasurable-duties";
import { DOMAIN_TITLES } from "@/lib/checklist/types";

/**
 * The seed duties no AWS API can decide, so a high score is never read as "everything
 * covered": each with why it cannot be measured and what evidence a team keeps instead.
 * `compact` (the account page) keeps the heading and the warning in view and folds the
 * table, which is the same for every account.
 *
 * A client component: the sixteen duties are the same text for every account, so they ship
 * once in the cached script rather than again in every account page's RSC payload. Folded
 * (compact), the table is drawn only once the reader opens it, so the server does not render
 * 8 KiB of rows nobody opened into every account page; a browser without JavaScript opens it
 * to a link to the checklist page's copy.
 */
export function UnmeasurableDuties({ compact = false }: { compact?: boolean }) {
  const [opened, setOpened] = useState(false);
  const table = (
    <table>
      <thead>
        <tr>
          <th>Duty</th>
          {compact ? null : <th>Domain</th>}
          <th>Why it is not measurable</th>
          <th>Evidence to keep instead</th>
        </tr>
      </thead>
      <tbody>
        {UNMEASURABLE_DUTIES.map((duty) => (
          <tr key={duty.id}>
            <td>
              <span className="mono small">{duty.id}</span> {duty.duty}
            </td>
            {compact ? null : <td className="small">{DOMAIN_TITLES[duty.domain]}</td>}
            <td className="small">{duty.reason}</td>
            <td className="small">{duty.evidenceToKeep}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="panel" data-testid="unmeasurable-duties" id={compact ? undefined : "not-measured"}>
      <h2>Not measured: {UNMEASURABLE_DUTIES.length} duties the score cannot see</h2>
      <p className="small muted">
        These customer duties cannot be decided from GuardDuty, Security Hub or CloudTrail, so they are not in the score
        {compact ? " of this account" : ""}. A high score does not mean they are done; keep the evidence listed for your auditor.
      </p>
      {compact ? (
        <details onToggle={(event) => setOpened(event.currentTarget.open)} data-testid="unmeasurable-duties-fold">
          <summary className="small">
            The {UNMEASURABLE_DUTIES.length} duties, why each cannot be measured, and the evidence to keep
          </summary>
          {opened ? (
            table
          ) : (
            <p className="small">
              <a href="/checklist#not-measured">The list on the checklist page</a>
            </p>
          )}
        </details>
      ) : (
        table
      )}
    </section>
  );
}
