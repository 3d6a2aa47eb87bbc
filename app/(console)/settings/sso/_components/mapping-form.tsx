"use client";

import { type FormEvent, useState, useTransition } from "react";
import type { ScopeChoices } from "@/lib/data/accounts/find-scope-choices";
import { RoleScopeFields } from "../../../users/_components/role-scope-fields";
import { saveSsoMappingAction, type MappingActionResult } from "../actions";

const EMPTY = { role: "viewer", allAccounts: false, accountScope: [], scopeTags: [], scopeOus: [] };

export function MappingForm({ choices }: { choices: ScopeChoices }) {
  const [result, setResult] = useState<MappingActionResult | null>(null);
  const [isPending, startTransition] = useTransition();
  // A new key after a save empties the role+scope part too (form.reset() cannot reach its state).
  const [generation, setGeneration] = useState(0);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const outcome = await saveSsoMappingAction(data);
      setResult(outcome);
      if (outcome.isOk) {
        form.reset();
        setGeneration((value) => value + 1);
      }
    });
  }

  return (
    <form onSubmit={onSubmit} aria-label="Map a group" className="stack-form">
      <label htmlFor="m-group">Group (exact value of the groups claim)</label>
      <input id="m-group" name="groupName" type="text" required aria-invalid={result?.fieldErrors?.groupName ? true : undefined} />
      {result?.fieldErrors?.groupName ? <p className="field-error">{result.fieldErrors.groupName.join("; ")}</p> : null}
      <RoleScopeFields
        key={generation}
        idPrefix="m"
        choices={choices}
        initial={EMPTY}
        errors={result?.fieldErrors}
        legend="Role, and the accounts members of this group see"
      />
      <button type="submit" disabled={isPending}>
        Save mapping
      </button>
      {result ? (
        <p className={result.isOk ? "notice" : "alert"} role={result.isOk ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
    </form>
  );
}
