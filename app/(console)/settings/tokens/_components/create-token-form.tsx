"use client";

import { useActionState } from "react";
import { type CreateTokenState, createTokenAction } from "../actions";

const INITIAL: CreateTokenState = { status: "idle" };
const EXPIRY_CHOICES = [7, 30, 90, 180, 365];

/** Name and expiry in; the token out, once, with a reminder that it cannot be shown again. */
export function CreateTokenForm() {
  const [state, formAction, isPending] = useActionState(createTokenAction, INITIAL);
  const fieldError = (name: string) =>
    state.fieldErrors?.[name]?.length ? (
      <span className="form-error" role="alert">
        {state.fieldErrors[name]!.join(" ")}
      </span>
    ) : null;
  return (
    <>
      <form action={formAction} className="stack-form" aria-label="New API token" data-testid="create-token-form">
        <div className="row">
          <label>
            Name (what uses it)
            <input name="name" required minLength={3} maxLength={80} placeholder="nightly SIEM export" />
            {fieldError("name")}
          </label>
          <label>
            Expires after
            <select name="expiresInDays" defaultValue="90">
              {EXPIRY_CHOICES.map((days) => (
                <option key={days} value={days}>
                  {days} days
                </option>
              ))}
            </select>
            {fieldError("expiresInDays")}
          </label>
        </div>
        <div>
          <button type="submit" className="button" disabled={isPending}>
            {isPending ? "Creating..." : "Create token"}
          </button>
        </div>
        {state.status === "error" && state.message ? (
          <p className="form-error" role="alert">
            {state.message}
          </p>
        ) : null}
      </form>
      {state.status === "ok" && state.token ? (
        <div className="panel" role="status" data-testid="new-token">
          <p>
            <strong>{state.name}</strong>: copy this token now. It is not stored and cannot be shown again (expires{" "}
            {state.expiresAt?.slice(0, 10)}).
          </p>
          <p>
            <code className="mono" data-testid="new-token-value" style={{ overflowWrap: "anywhere" }}>
              {state.token}
            </code>
          </p>
          <p className="muted small">
            Send it as <code>Authorization: Bearer {"<token>"}</code> to <code>/api/v1/...</code>; it sees what you see.
          </p>
        </div>
      ) : null}
    </>
  );
}
