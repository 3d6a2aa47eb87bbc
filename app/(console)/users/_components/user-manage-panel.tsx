"use client";

import { type FormEvent, useState, useTransition } from "react";
import {
  endUserSessionsAction,
  resetUserPasswordAction,
  setUserDisabledAction,
  updateUserAccessAction,
  type UserActionResult,
} from "../actions";
import type { ScopeChoices } from "@/lib/data/accounts/find-scope-choices";
import { RoleScopeFields } from "./role-scope-fields";

/** Role and scope form, and the buttons that act on one user (admins). */
export function UserManagePanel({
  user,
  choices,
  isSelf,
}: {
  user: {
    id: string;
    email: string;
    role: string;
    allAccounts: boolean;
    accountScope: string[];
    scopeTags: Array<{ key: string; value: string }>;
    scopeOus: string[];
    source: "local" | "sso";
    disabled: boolean;
  };
  choices: ScopeChoices;
  isSelf: boolean;
}) {
  const [result, setResult] = useState<UserActionResult | null>(null);
  const [isPending, startTransition] = useTransition();
  const run = (action: () => Promise<UserActionResult>) => startTransition(async () => setResult(await action()));

  function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    run(() => updateUserAccessAction(user.id, data));
  }

  return (
    <>
      <section className="panel">
        <h2>Role and scope</h2>
        <form onSubmit={onSave} aria-label="Role and scope" className="stack-form">
          <RoleScopeFields
            idPrefix="u"
            choices={choices}
            initial={user}
            errors={result?.fieldErrors}
            legend="Role, and the accounts this user sees"
          />
          <button type="submit" disabled={isPending}>
            Save
          </button>
        </form>
      </section>
      <section className="panel">
        <h2>Access</h2>
        <div className="buttons">
          {user.disabled ? (
            <button type="button" disabled={isPending} onClick={() => run(() => setUserDisabledAction(user.id, false))}>
              Enable
            </button>
          ) : (
            <button type="button" disabled={isPending || isSelf} onClick={() => run(() => setUserDisabledAction(user.id, true))}>
              Disable
            </button>
          )}
          {user.source === "local" ? (
            <button type="button" disabled={isPending} onClick={() => run(() => resetUserPasswordAction(user.id))}>
              Reset password
            </button>
          ) : null}
          <button type="button" disabled={isPending} onClick={() => run(() => endUserSessionsAction(user.id))}>
            End sessions
          </button>
        </div>
      </section>
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
    </>
  );
}
