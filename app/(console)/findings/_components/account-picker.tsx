"use client";

import "./account-picker.css";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useHydrated } from "../../_components/use-hydrated";

interface Suggestion {
  id: string;
  name: string;
  owner: string | null;
}

/** Set when a chip was added or removed: the filter form remounts with the new URL, and the picker takes the focus back so the next account can be typed at once. */
let refocusAfterSubmit = false;

const LISTBOX_ID = "f-account-listbox";
const optionId = (id: string) => `f-account-option-${id}`;

/**
 * The findings explorer's account filter: a WAI-ARIA 1.2 combobox (type to search, arrows
 * to move, Enter to add, Escape to close) over /api/accounts/search, so the page never lists
 * every account; the chosen accounts are chips with a remove button, each carrying a hidden
 * `account` input of the filter form. Adding or removing submits the form, like a checkbox,
 * so the URL stays `account=<id>` repeated.
 *
 * Without JavaScript (and until it has loaded) the same markup is a plain part of the GET
 * form: the text box posts as `account_q`, and the page answers with the matching accounts
 * as checkboxes (`search`) to tick and apply; each chip's remove control is a link to the
 * filters without that account.
 */
export function AccountPicker({
  chosen,
  search: noScriptSearch,
}: {
  /** The chosen accounts, each with the URL of the filters without it (the remove link without JavaScript). */
  chosen: Array<{ id: string; name: string | null; removeHref: string }>;
  /** What `account_q` asked for and the accounts it matched (chosen ones left out), or null. */
  search: { q: string; matches: Suggestion[] } | null;
}) {
  const [selected, setSelected] = useState(chosen);
  // False in the server's markup and while hydrating: what a browser without JavaScript keeps.
  const isHydrated = useHydrated();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [message, setMessage] = useState("");
  const [submits, setSubmits] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const requestRef = useRef<AbortController | null>(null);

  useEffect(() => {
    if (!refocusAfterSubmit) return;
    refocusAfterSubmit = false;
    inputRef.current?.focus();
  }, []);

  // Submitted after React has rendered the chips' hidden inputs, so the form carries the new choice; a counter, so a
  // second change before the navigation remounts the form is submitted too.
  useEffect(() => {
    if (submits === 0) return;
    refocusAfterSubmit = true;
    inputRef.current?.form?.requestSubmit();
  }, [submits]);

  useEffect(() => () => requestRef.current?.abort(), []);

  const search = (q: string) => {
    requestRef.current?.abort();
    const controller = new AbortController();
    requestRef.current = controller;
    void fetch(`/api/accounts/search?${new URLSearchParams({ q })}`, { signal: controller.signal, headers: { accept: "application/json" } })
      .then(async (response) => {
        const body = (await response.json()) as { accounts?: Suggestion[]; message?: string };
        if (controller.signal.aborted) return;
        if (!response.ok || !body.accounts) {
          setOptions([]);
          setActive(-1);
          setMessage(body.message ?? "The accounts could not be searched");
          return;
        }
        const shown = body.accounts.filter((account) => !selected.some((chosenAccount) => chosenAccount.id === account.id));
        setOptions(shown);
        setActive(shown.length > 0 ? 0 : -1);
        setMessage(shown.length === 0 ? "No other account matches" : `${shown.length} account${shown.length === 1 ? "" : "s"} shown`);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setOptions([]);
        setMessage(`The accounts could not be searched: ${error instanceof Error ? error.message : String(error)}`);
      });
  };

  const openWith = (q: string) => {
    setOpen(true);
    search(q);
  };

  const close = () => {
    requestRef.current?.abort();
    setOpen(false);
    setActive(-1);
  };

  const add = (account: Suggestion) => {
    close();
    setText("");
    setSelected((current) => [...current, { id: account.id, name: account.name, removeHref: "" }]);
    setSubmits((count) => count + 1);
  };

  const remove = (id: string) => {
    setSelected((current) => current.filter((account) => account.id !== id));
    setSubmits((count) => count + 1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return openWith(text);
      if (options.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (current + step + options.length) % options.length);
    } else if (event.key === "Enter") {
      // Enter chooses; it never submits the filter form with the half-typed text.
      event.preventDefault();
      const option = open ? options[active] : undefined;
      if (option) add(option);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        close();
      } else if (text) {
        event.preventDefault();
        setText("");
      }
    }
  };

  const activeOption = open ? options[active] : undefined;
  return (
    <div className="account-picker" data-testid="filter-account">
      <label htmlFor="f-account">Accounts</label>
      {selected.length > 0 ? (
        <ul className="chips" aria-label="Chosen accounts">
          {selected.map((account) => (
            <li key={account.id} data-testid="account-chip">
              {account.name ?? account.id} <span className="muted">{account.id}</span>
              <input type="hidden" name="account" value={account.id} />
              {isHydrated || !account.removeHref ? (
                <button type="button" aria-label={`Remove ${account.name ?? account.id}`} onClick={() => remove(account.id)}>
                  <span aria-hidden="true">×</span>
                </button>
              ) : (
                <a href={account.removeHref} className="chip-remove" aria-label={`Remove ${account.name ?? account.id}`}>
                  <span aria-hidden="true">×</span>
                </a>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <input
        ref={inputRef}
        id="f-account"
        // Posted only without JavaScript (Enter submits the form): the page then lists the matches to tick.
        name={isHydrated ? undefined : "account_q"}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={LISTBOX_ID}
        aria-activedescendant={activeOption ? optionId(activeOption.id) : undefined}
        aria-describedby="f-account-status"
        placeholder="Name, id or owner"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          openWith(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
      />
      <ul id={LISTBOX_ID} role="listbox" aria-label="Matching accounts" hidden={!open || options.length === 0}>
        {options.map((account, index) => (
          <li
            key={account.id}
            id={optionId(account.id)}
            role="option"
            aria-selected={index === active}
            // mousedown, not click: the input keeps the focus (its blur would close the list first).
            onMouseDown={(event) => {
              event.preventDefault();
              add(account);
            }}
          >
            {account.name} <span className="muted">{account.id}</span>
            {account.owner ? <span className="muted"> · {account.owner}</span> : null}
          </li>
        ))}
      </ul>
      <span id="f-account-status" className="sr-only" aria-live="polite">
        {open ? message : ""}
      </span>
      {noScriptSearch ? (
        <fieldset className="checks account-matches" data-testid="account-matches">
          <legend>{`Accounts matching “${noScriptSearch.q}”`}</legend>
          {noScriptSearch.matches.length === 0 ? (
            <p className="small muted">No other account matches.</p>
          ) : (
            <>
              {noScriptSearch.matches.map((account) => (
                <label key={account.id}>
                  <input type="checkbox" id={`f-account-match-${account.id}`} name="account" value={account.id} /> {account.name}{" "}
                  <span className="muted">{account.id}</span>
                </label>
              ))}
              <p className="small muted">Tick the accounts to add, then apply the filters.</p>
            </>
          )}
        </fieldset>
      ) : null}
    </div>
  );
}
