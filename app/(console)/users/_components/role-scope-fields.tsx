"use client";

import "./role-scope-fields.css";
import { type ChangeEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { ROLES } from "@/lib/data/users/user-access";
import type { ScopeChoices } from "@/lib/data/accounts/find-scope-choices";
import { previewScopeAction, type ScopePreview } from "../actions";

const ROLE_LABELS: Record<(typeof ROLES)[number], string> = {
  admin: "admin: everything, users and audit log",
  analyst: "analyst: read, test connections, collect, accept risks",
  viewer: "viewer: read only",
};

export interface RoleScopeValue {
  role: string;
  allAccounts: boolean;
  accountScope: string[];
  scopeTags: Array<{ key: string; value: string }>;
  scopeOus: string[];
}

/**
 * The one role+scope form part of the users console (create user, change a user's access)
 * and the SSO group mappings: role, then "all accounts" or any mix of account ids (picked
 * from the known accounts, with names), tags (key=value, picked from the tags on accounts
 * or typed) and OU ids (picked from the OU paths of accounts, by name where discovery read
 * it, or typed). An account is in
 * scope when any of them matches. Under it, "matches N accounts now", computed on the server
 * through the same scope helper every query uses, with a warning when it matches none (an
 * empty console, never an error). Posts what app/(console)/users/_lib/read-access-form.ts
 * reads. The typed tag and OU boxes post too, so a value typed but not added is not lost.
 */
export function RoleScopeFields({
  idPrefix,
  choices,
  initial,
  errors,
  legend,
}: {
  idPrefix: string;
  choices: ScopeChoices;
  initial: RoleScopeValue;
  errors?: Record<string, string[]>;
  /** The fieldset's legend, e.g. "Role, and the accounts this user sees". */
  legend: string;
}) {
  const [role, setRole] = useState(initial.role);
  const [allAccounts, setAllAccounts] = useState(initial.allAccounts);
  const [tags, setTags] = useState(initial.scopeTags);
  const [ouIds, setOuIds] = useState(initial.scopeOus);
  const [tagKey, setTagKey] = useState("");
  const [tagValue, setTagValue] = useState("");
  const [ouDraft, setOuDraft] = useState("");
  const [accountFilter, setAccountFilter] = useState("");
  const [preview, setPreview] = useState<ScopePreview | null>(null);
  const fieldsetRef = useRef<HTMLFieldSetElement>(null);
  const listId = useId();
  const isAll = role === "admin" || allAccounts;

  // The preview asks the server with the form as it would be posted; the latest answer wins.
  const sequence = useRef(0);
  const refresh = useCallback(() => {
    const form = fieldsetRef.current?.form;
    if (!form) return;
    const data = new FormData(form);
    const mine = ++sequence.current;
    void previewScopeAction(data).then(
      (answer) => {
        if (mine === sequence.current) setPreview(answer);
      },
      () => {
        if (mine === sequence.current) setPreview({ isOk: false, message: "The preview is not available right now." });
      },
    );
  }, []);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(refresh, 250);
  }, [refresh]);
  useEffect(() => {
    schedule();
    return () => clearTimeout(timer.current);
  }, [role, allAccounts, tags, ouIds, schedule]);

  function addTag() {
    const key = tagKey.trim();
    if (!key) return;
    const value = tagValue.trim();
    if (!tags.some((tag) => tag.key === key && tag.value === value)) setTags([...tags, { key, value }]);
    setTagKey("");
    setTagValue("");
  }
  function addOu() {
    const id = ouDraft.trim();
    if (!id) return;
    if (!ouIds.includes(id)) setOuIds([...ouIds, id]);
    setOuDraft("");
  }
  const valuesOfKey = choices.tags.filter((tag) => tag.key === tagKey.trim());
  const knownKeys = [...new Set(choices.tags.map((tag) => tag.key))];
  const knownOu = (id: string) => choices.ous.find((ou) => ou.id === id);
  const fieldError = (name: string) =>
    errors?.[name] ? (
      <p className="field-error" id={`${idPrefix}-${name}-error`}>
        {errors[name].join("; ")}
      </p>
    ) : null;

  return (
    <fieldset className="role-scope" ref={fieldsetRef} onChange={schedule}>
      <legend>{legend}</legend>
      <label htmlFor={`${idPrefix}-role`}>Role</label>
      <select
        id={`${idPrefix}-role`}
        name="role"
        value={role}
        onChange={(event: ChangeEvent<HTMLSelectElement>) => setRole(event.target.value)}
        aria-invalid={errors?.role ? true : undefined}
      >
        {ROLES.map((item) => (
          <option key={item} value={item}>
            {ROLE_LABELS[item]}
          </option>
        ))}
      </select>
      {fieldError("role")}

      <div className="scope-mode" role="radiogroup" aria-label="Accounts">
        <label className="checkbox">
          <input type="radio" name="allAccounts" value="on" checked={allAccounts} onChange={() => setAllAccounts(true)} /> All accounts
        </label>
        <label className="checkbox">
          <input type="radio" name="allAccounts" value="" checked={!allAccounts} onChange={() => setAllAccounts(false)} /> Only accounts
          that match any of the account ids, tags or OUs below
        </label>
      </div>
      {role === "admin" ? <p className="muted small">Admins see every account whatever is chosen here.</p> : null}

      <div className="scope-parts" hidden={isAll}>
        {choices.accounts.length > 10 ? (
          <label htmlFor={`${idPrefix}-account-filter`}>
            Find accounts by name or id (hides the others from the list; chosen ones stay chosen)
            <input
              id={`${idPrefix}-account-filter`}
              type="search"
              value={accountFilter}
              disabled={isAll}
              onChange={(event) => setAccountFilter(event.target.value)}
              // Enter here narrows the list; it must not submit the user or mapping form.
              onKeyDown={(event) => {
                if (event.key === "Enter") event.preventDefault();
              }}
            />
          </label>
        ) : null}
        <label htmlFor={`${idPrefix}-accounts`}>Accounts by id</label>
        <select
          id={`${idPrefix}-accounts`}
          name="accountIds"
          multiple
          size={Math.min(8, Math.max(3, choices.accounts.length))}
          defaultValue={initial.accountScope}
          disabled={isAll}
          aria-invalid={errors?.accountIds ? true : undefined}
        >
          {choices.accounts.map((account) => (
            <option key={account.id} value={account.id} hidden={!matchesFilter(account, accountFilter)}>
              {account.name} ({account.id})
            </option>
          ))}
          {/* A stored id of an account that is gone stays selectable, so saving does not drop it unseen. */}
          {initial.accountScope
            .filter((id) => !choices.accounts.some((account) => account.id === id))
            .map((id) => (
              <option key={id} value={id}>
                {id} (not a registered account)
              </option>
            ))}
        </select>
        <p className="muted small">Ctrl- or Cmd-click picks several.</p>
        {fieldError("accountIds")}

        <div className="scope-group">
          <span className="scope-group-title">Tags (key = value; AWS tag values are case-sensitive)</span>
          <ul className="scope-chips" aria-label="Chosen tags">
            {tags.map((tag) => (
              <li key={`${tag.key}\u0000${tag.value}`}>
                <input type="hidden" name="tagKey" value={tag.key} disabled={isAll} />
                <input type="hidden" name="tagValue" value={tag.value} disabled={isAll} />
                <code>
                  {tag.key}={tag.value}
                </code>{" "}
                <button
                  type="button"
                  aria-label={`Remove tag ${tag.key}=${tag.value}`}
                  onClick={() => setTags(tags.filter((other) => other !== tag))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className="scope-add">
            <label htmlFor={`${idPrefix}-tag-key`}>
              Tag key
              <input
                id={`${idPrefix}-tag-key`}
                name="tagKey"
                list={`${listId}-keys`}
                value={tagKey}
                maxLength={128}
                disabled={isAll}
                onChange={(event) => setTagKey(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === "Enter") {
                    event.preventDefault();
                    addTag();
                  }
                }}
              />
            </label>
            <label htmlFor={`${idPrefix}-tag-value`}>
              Tag value
              <input
                id={`${idPrefix}-tag-value`}
                name="tagValue"
                list={`${listId}-values`}
                value={tagValue}
                maxLength={256}
                disabled={isAll}
                onChange={(event) => setTagValue(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === "Enter") {
                    event.preventDefault();
                    addTag();
                  }
                }}
              />
            </label>
            <button type="button" onClick={addTag} disabled={isAll || !tagKey.trim()}>
              Add tag
            </button>
          </div>
          <datalist id={`${listId}-keys`}>
            {knownKeys.map((key) => (
              <option key={key} value={key} />
            ))}
          </datalist>
          <datalist id={`${listId}-values`}>
            {valuesOfKey.map((tag) => (
              <option key={tag.value} value={tag.value}>
                {tag.accounts} {tag.accounts === 1 ? "account" : "accounts"}
              </option>
            ))}
          </datalist>
          {choices.tags.length > 0 ? (
            <details className="small">
              <summary>Tags on accounts now ({choices.tags.length})</summary>
              <ul className="scope-known">
                {choices.tags.map((tag) => (
                  <li key={`${tag.key}\u0000${tag.value}`}>
                    <button
                      type="button"
                      disabled={isAll || tags.some((other) => other.key === tag.key && other.value === tag.value)}
                      onClick={() => setTags([...tags, { key: tag.key, value: tag.value }])}
                    >
                      {tag.key}={tag.value}
                    </button>{" "}
                    <span className="muted">
                      {tag.accounts} {tag.accounts === 1 ? "account" : "accounts"}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {fieldError("tags")}
        </div>

        <div className="scope-group">
          <span className="scope-group-title">Organizations OUs (every account below the OU or root)</span>
          <ul className="scope-chips" aria-label="Chosen OUs">
            {ouIds.map((id) => (
              <li key={id}>
                <input type="hidden" name="ouIds" value={id} disabled={isAll} />
                {/* The OU's name when discovery read it, its id (what is stored) and path as secondary text. */}
                {knownOu(id)?.name ? <strong>{knownOu(id)!.name}</strong> : null} <code>{id}</code>{" "}
                {knownOu(id)?.path ? <span className="muted small">{knownOu(id)!.path}</span> : null}{" "}
                <button type="button" aria-label={`Remove OU ${id}`} onClick={() => setOuIds(ouIds.filter((other) => other !== id))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className="scope-add scope-add-one">
            <label htmlFor={`${idPrefix}-ou`}>
              OU id
              <input
                id={`${idPrefix}-ou`}
                name="ouIds"
                list={`${listId}-ous`}
                value={ouDraft}
                placeholder="ou-ab12-34cd56ef or r-ab12"
                maxLength={80}
                disabled={isAll}
                onChange={(event) => setOuDraft(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === "Enter") {
                    event.preventDefault();
                    addOu();
                  }
                }}
              />
            </label>
            <button type="button" onClick={addOu} disabled={isAll || !ouDraft.trim()}>
              Add OU
            </button>
          </div>
          <datalist id={`${listId}-ous`}>
            {choices.ous.map((ou) => (
              <option key={ou.id} value={ou.id}>
                {`${ou.name ? `${ou.name} · ` : ""}${ou.path} (${ou.accounts} ${ou.accounts === 1 ? "account" : "accounts"})`}
              </option>
            ))}
          </datalist>
          {fieldError("ouIds")}
        </div>
      </div>

      <ScopePreviewLine preview={preview} isAll={isAll} />
    </fieldset>
  );
}

function matchesFilter(account: { id: string; name: string }, filter: string): boolean {
  const wanted = filter.trim().toLowerCase();
  return !wanted || account.id.includes(wanted) || account.name.toLowerCase().includes(wanted);
}

function ScopePreviewLine({ preview, isAll }: { preview: ScopePreview | null; isAll: boolean }) {
  let text = "Counting the accounts this matches...";
  let isWarning = false;
  if (preview && !preview.isOk) {
    text = preview.fieldErrors ? `Not a valid scope yet: ${Object.values(preview.fieldErrors).flat().join("; ")}` : (preview.message ?? "");
    isWarning = true;
  } else if (preview?.count !== undefined) {
    const names = (preview.sample ?? []).map((account) => account.name).join(", ");
    if (preview.count === 0) {
      text = "Matches no account now: allowed, but the console will be empty until an account matches.";
      isWarning = true;
    } else {
      text = `${isAll ? "All accounts: " : ""}matches ${preview.count} ${preview.count === 1 ? "account" : "accounts"} now${
        names ? ` (${names}${preview.count > (preview.sample?.length ?? 0) ? ", ..." : ""})` : ""
      }.`;
    }
  }
  return (
    <p className={isWarning ? "scope-preview warning" : "scope-preview"} data-testid="scope-preview" aria-live="polite">
      {text}
    </p>
  );
}
