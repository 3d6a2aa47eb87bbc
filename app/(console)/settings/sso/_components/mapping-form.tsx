"use client";

import Link from "next/link";
import { type FormEvent, useEffect, useRef, useState, useTransition } from "react";
import type { ScopeChoices } from "@/lib/data/accounts/find-scope-choices";
import { RoleScopeFields, type RoleScopeValue } from "../../../users/_components/role-scope-fields";
import { saveSsoMappingAction, updateSsoMappingAction, type MappingActionResult } from "../actions";

const EMPTY = { role: "viewer", allAccounts: false, accountScope: [], scopeTags: [], scopeOus: [] };

/**
 * Maps a new group (`mapping` absent), or edits one mapping's role and scope: the same
 * fields and validation, the group name fixed (another name is another mapping).
 */
export function MappingForm({ choices, mapping }: { choices: ScopeChoices; mapping?: RoleScopeValue & { id: string; groupName: string } }) {
  const [result, setResult] = useState<MappingActionResult | null>(null);
  const [isPending, startTransition] = useTransition();
  // A new key after a save empties the role+scope part too (form.reset() cannot reach its state).
  const [generation, setGeneration] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const isEdit = mapping !== undefined;

  // "Edit" is a link to this form: the keyboard focus follows it here, not left on the table's row.
  useEffect(() => {
    if (isEdit) headingRef.current?.focus();
  }, [isEdit, mapping?.id]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const outcome = mapping ? await updateSsoMappingAction(mapping.id, data) : await saveSsoMappingAction(data);
      setResult(outcome);
      if (outcome.isOk && !mapping) {
        form.reset();
        setGeneration((value) => value + 1);
      }
    });
  }

  const label = mapping ? `Edit mapping ${mapping.groupName}` : "Map a group";
  return (
    <form onSubmit={onSubmit} aria-label={label} className="stack-form">
      {mapping ? (
        <>
          <h3 ref={headingRef} tabIndex={-1}>
            Group <code>{mapping.groupName}</code>
          </h3>
          <p className="muted small">The group name stays; to map another name, remove this mapping and map that group.</p>
        </>
      ) : (
        <>
          <label htmlFor="m-group">Group (exact value of the groups claim)</label>
          <input id="m-group" name="groupName" type="text" required aria-invalid={result?.fieldErrors?.groupName ? true : undefined} />
          {result?.fieldErrors?.groupName ? <p className="field-error">{result.fieldErrors.groupName.join("; ")}</p> : null}
        </>
      )}
      <RoleScopeFields
        key={mapping ? `edit-${mapping.id}` : generation}
        idPrefix={mapping ? "e" : "m"}
        choices={choices}
        initial={mapping ?? EMPTY}
        errors={result?.fieldErrors}
        legend="Role, and the accounts members of this group see"
      />
      {mapping ? (
        <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
          <button type="submit" className="primary" disabled={isPending}>
            Save changes
          </button>
          <Link href="/settings/sso" className="button">
            {result?.isOk ? "Done" : "Cancel"}
          </Link>
        </div>
      ) : (
        <button type="submit" disabled={isPending}>
          Save mapping
        </button>
      )}
      {result ? (
        <p className={result.isOk ? "notice" : "alert"} role={result.isOk ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
    </form>
  );
}
