"use client";

import { useActionState, type ReactNode } from "react";
import { type BulkAcceptState, bulkAcceptRiskAction } from "../actions";

const INITIAL: BulkAcceptState = { status: "idle" };

/**
 * Wraps the findings table so its row checkboxes (name="finding") are submitted with the
 * reason, owner and expiry: one acceptance per selected finding and the item it is evidence of.
 */
export function BulkAcceptForm({
  children,
  defaultOwner,
  minDate,
  maxDate,
  defaultDate,
}: {
  children: ReactNode;
  defaultOwner: string;
  minDate: string;
  maxDate: string;
  defaultDate: string;
}) {
  const [state, formAction, isPending] = useActionState(bulkAcceptRiskAction, INITIAL);
  const fieldError = (name: string) =>
    state.fieldErrors?.[name]?.length ? (
      <span className="form-error" role="alert">
        {state.fieldErrors[name]!.join(" ")}
      </span>
    ) : null;
  return (
    <form action={formAction} aria-label="Accept the risk of the selected findings" data-testid="bulk-accept-form">
      {children}
      <fieldset className="panel" style={{ marginTop: 12 }}>
        <legend>Accept the risk of the selected findings</legend>
        <p className="small muted">
          Each selected finding is accepted on the checklist items whose latest evaluation cites it; the accounts are rescored at once.
        </p>
        {fieldError("finding")}
        <div className="filters">
          <div style={{ gridColumn: "span 2" }}>
            <label htmlFor="bulk-reason">Reason (10 to 1000 characters)</label>
            <input id="bulk-reason" name="reason" required maxLength={1000} />
            {fieldError("reason")}
          </div>
          <div>
            <label htmlFor="bulk-owner">Risk owner</label>
            <input id="bulk-owner" name="owner" required maxLength={200} defaultValue={defaultOwner} />
            {fieldError("owner")}
          </div>
          <div>
            <label htmlFor="bulk-expires">Expires on</label>
            <input id="bulk-expires" name="expiresAt" type="date" required min={minDate} max={maxDate} defaultValue={defaultDate} />
            {fieldError("expiresAt")}
          </div>
          <div className="buttons">
            <button type="submit" className="primary" disabled={isPending} data-testid="bulk-accept-submit">
              {isPending ? "Accepting…" : "Accept selected"}
            </button>
          </div>
        </div>
        {state.message ? (
          <p className={state.status === "ok" ? "form-ok" : "form-error"} role="status" data-testid="bulk-accept-result">
            {state.message}
          </p>
        ) : null}
      </fieldset>
    </form>
  );
}
