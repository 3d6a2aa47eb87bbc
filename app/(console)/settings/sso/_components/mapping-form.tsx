"use client";

import { type FormEvent, useState, useTransition } from "react";
import { RoleSelect } from "../../../users/_components/role-select";
import { UserScopeFields } from "../../../users/_components/user-scope-fields";
import { saveSsoMappingAction, type MappingActionResult } from "../actions";

export function MappingForm({ accounts }: { accounts: Array<{ id: string; name: string }> }) {
  const [result, setResult] = useState<MappingActionResult | null>(null);
  const [isPending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const outcome = await saveSsoMappingAction(data);
      setResult(outcome);
      if (outcome.isOk) form.reset();
    });
  }

  return (
    <form onSubmit={onSubmit} aria-label="Map a group" className="stack-form">
      <label htmlFor="m-group">Group (exact value of the groups claim)</label>
      <input id="m-group" name="groupName" type="text" required />
      {result?.fieldErrors?.groupName ? <p className="field-error">{result.fieldErrors.groupName.join("; ")}</p> : null}
      <RoleSelect id="m-role" defaultValue="viewer" />
      <UserScopeFields accounts={accounts} allAccounts={false} accountIds={[]} idPrefix="m" />
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
