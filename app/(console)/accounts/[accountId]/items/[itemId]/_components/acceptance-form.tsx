"use client";

import { useActionState } from "react";
import { type AcceptanceFormState, acceptRiskAction } from "../actions";

export interface AcceptableRecord {
  id: string;
  label: string;
}

interface Props {
  accountId: string;
  itemId: string;
  defaultOwner: string;
  /** yyyy-mm-dd bounds for the date picker (the server checks again). */
  minDate: string;
  maxDate: string;
  defaultDate: string;
  records: AcceptableRecord[];
}

const INITIAL: AcceptanceFormState = { status: "idle" };

export function AcceptanceForm({ accountId, itemId, defaultOwner, minDate, maxDate, defaultDate, records }: Props) {
  const [state, formAction, isPending] = useActionState(acceptRiskAction, INITIAL);
  const fieldError = (name: string) =>
    state.fieldErrors?.[name]?.length ? (
      <span className="form-error" role="alert">
        {state.fieldErrors[name]!.join(" ")}
      </span>
    ) : null;
  return (
    <form action={formAction} className="stack-form" aria-label="Accept risk" data-testid="acceptance-form">
      <input type="hidden" name="accountId" value={accountId} />
      <input type="hidden" name="itemId" value={itemId} />
      <label>
        What is accepted
        <select name="findingId" defaultValue="">
          <option value="">The whole item for this account</option>
          {records.map((record) => (
            <option key={record.id} value={record.id}>
              Only {record.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Reason (10 to 1000 characters)
        <textarea name="reason" required maxLength={1000} placeholder="Why this risk is acceptable for now, and what compensates for it" />
        {fieldError("reason")}
      </label>
      <div className="row">
        <label>
          Risk owner
          <input name="owner" required maxLength={200} defaultValue={defaultOwner} />
          {fieldError("owner")}
        </label>
        <label>
          Expires on (at most 365 days)
          <input name="expiresAt" type="date" required min={minDate} max={maxDate} defaultValue={defaultDate} />
          {fieldError("expiresAt")}
        </label>
      </div>
      {fieldError("findingId")}
      <div>
        <button type="submit" className="button" disabled={isPending}>
          {isPending ? "Accepting..." : "Accept risk"}
        </button>
      </div>
      {state.status === "error" && state.message ? (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      ) : null}
      {state.status === "ok" ? (
        <p className="form-ok" role="status" data-testid="acceptance-ok">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
