"use client";

import { useActionState } from "react";
import { generateReportAction, type ReportActionResult } from "../actions";

/** "Generate": a past week, a scope inside the user's (the org, or some of their accounts), a paper size. */
export function GenerateReportForm({
  weeks,
  accounts,
  canChooseOrg,
}: {
  weeks: string[];
  accounts: Array<{ id: string; name: string }>;
  canChooseOrg: boolean;
}) {
  const [state, action, isPending] = useActionState<ReportActionResult | null, FormData>(generateReportAction, null);
  return (
    <form action={action} className="inline-form" data-testid="generate-report-form">
      <div>
        <label htmlFor="report-week">Week</label>
        <select id="report-week" name="week" defaultValue={weeks[0]}>
          {weeks.map((week) => (
            <option key={week} value={week}>
              {week}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="report-accounts">
          {canChooseOrg ? "Accounts (none selected = whole organisation)" : "Accounts (at least one)"}
        </label>
        <select id="report-accounts" name="accountIds" multiple size={Math.min(6, Math.max(2, accounts.length))} style={{ minWidth: 260 }}>
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name} ({account.id})
            </option>
          ))}
        </select>
        <input type="hidden" name="scope" value={canChooseOrg ? "all" : ""} />
      </div>
      <div>
        <label htmlFor="report-paper">Paper</label>
        <select id="report-paper" name="paper" defaultValue="a4">
          <option value="a4">A4</option>
          <option value="letter">Letter</option>
        </select>
      </div>
      <button type="submit" className="primary" disabled={isPending}>
        {isPending ? "Queuing..." : "Generate"}
      </button>
      {state ? (
        <span className={state.isOk ? "ok-text" : "error-text"} role="status" data-testid="generate-report-result">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
