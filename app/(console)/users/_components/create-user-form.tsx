"use client";

import { type FormEvent, useState, useTransition } from "react";
import type { ScopeChoices } from "@/lib/data/accounts/find-scope-choices";
import { createUserAction, type UserActionResult } from "../actions";
import { RoleScopeFields } from "./role-scope-fields";

const EMPTY = { role: "viewer", allAccounts: false, accountScope: [], scopeTags: [], scopeOus: [] };

/** Creates a local user; the generated password is shown once, here. */
export function CreateUserForm({ choices }: { choices: ScopeChoices }) {
  const [result, setResult] = useState<UserActionResult | null>(null);
  const [isPending, startTransition] = useTransition();
  // A new key after a user is made empties the role+scope part too (form.reset() cannot reach its state).
  const [generation, setGeneration] = useState(0);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const outcome = await createUserAction(data);
      setResult(outcome);
      if (outcome.isOk) {
        form.reset();
        setGeneration((value) => value + 1);
      }
    });
  }

  return (
    <form onSubmit={onSubmit} aria-label="Create user" className="stack-form">
      <label htmlFor="nu-email">E-mail</label>
      <input id="nu-email" name="email" type="email" required aria-invalid={result?.fieldErrors?.email ? true : undefined} />
      {result?.fieldErrors?.email ? <p className="field-error">{result.fieldErrors.email.join("; ")}</p> : null}
      <label htmlFor="nu-name">Name (optional)</label>
      <input id="nu-name" name="name" type="text" />
      {result?.fieldErrors?.name ? <p className="field-error">{result.fieldErrors.name.join("; ")}</p> : null}
      <RoleScopeFields
        key={generation}
        idPrefix="nu"
        choices={choices}
        initial={EMPTY}
        errors={result?.fieldErrors}
        legend="Role, and the accounts this user sees"
      />
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
