"use client";

import { type FormEvent, useState, useTransition } from "react";
import { createUserAction, type UserActionResult } from "../actions";
import { RoleSelect } from "./role-select";
import { UserScopeFields } from "./user-scope-fields";

/** Creates a local user; the generated password is shown once, here. */
export function CreateUserForm({ accounts }: { accounts: Array<{ id: string; name: string }> }) {
  const [result, setResult] = useState<UserActionResult | null>(null);
  const [isPending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const outcome = await createUserAction(data);
      setResult(outcome);
      if (outcome.isOk) form.reset();
    });
  }

  return (
    <form onSubmit={onSubmit} aria-label="Create user" className="stack-form">
      <label htmlFor="nu-email">E-mail</label>
      <input id="nu-email" name="email" type="email" required aria-invalid={result?.fieldErrors?.email ? true : undefined} />
      {result?.fieldErrors?.email ? <p className="field-error">{result.fieldErrors.email.join("; ")}</p> : null}
      <label htmlFor="nu-name">Name (optional)</label>
      <input id="nu-name" name="name" type="text" />
      <RoleSelect id="nu-role" defaultValue="viewer" />
      <UserScopeFields accounts={accounts} allAccounts={false} accountIds={[]} idPrefix="nu" />
      <button type="submit" disabled={isPending}>
        {isPending ? "Creating..." : "Create user"}
      </button>
      {result ? (
        <div className={result.isOk ? "notice" : "alert"} role={result.isOk ? "status" : "alert"}>
          <p>{result.message}</p>
          {result.password ? (
            <p>
              Password: <code data-testid="generated-password">{result.password}</code>
            </p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
