"use client";

import { signOut } from "next-auth/react";
import { type FormEvent, useState, useTransition } from "react";
import { changePasswordAction, type AccountActionResult } from "../actions";

export function PasswordForm() {
  const [result, setResult] = useState<AccountActionResult | null>(null);
  const [isPending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(async () => {
      const outcome = await changePasswordAction(data);
      setResult(outcome);
      // The session ended with the change; clear the cookie and go to sign-in.
      if (outcome.isOk) await signOut({ callbackUrl: "/sign-in" });
    });
  }

  const error = (field: string) =>
    result?.fieldErrors?.[field] ? <p className="field-error">{result.fieldErrors[field].join("; ")}</p> : null;
  return (
    <form onSubmit={onSubmit} aria-label="Change password" className="stack-form">
      <label htmlFor="pw-current">Current password</label>
      <input id="pw-current" name="current" type="password" autoComplete="current-password" required />
      {error("current")}
      <label htmlFor="pw-next">New password (at least 12 characters)</label>
      <input id="pw-next" name="next" type="password" autoComplete="new-password" required minLength={12} />
      {error("next")}
      <label htmlFor="pw-confirm">New password again</label>
      <input id="pw-confirm" name="confirm" type="password" autoComplete="new-password" required />
      {error("confirm")}
      <button type="submit" disabled={isPending}>
        Change password
      </button>
      {result ? (
        <p className={result.isOk ? "notice" : "alert"} role={result.isOk ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
    </form>
  );
}
