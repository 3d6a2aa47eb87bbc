"use client";

import { useActionState, useEffect, useId } from "react";
import { updateAccountTagsAction, type TagsFormState } from "../[accountId]/actions";

/**
 * The one tag editor (account page and accounts list): one `key=value` per line, saved by
 * the account page's server action, which validates, checks the role and scope, and audits.
 * `onSaved` gets the action's message, so the caller can fold the editor away and say so.
 */
export function TagsEditor({
  accountId,
  tags,
  onCancel,
  onSaved,
  compact = false,
}: {
  accountId: string;
  tags: Record<string, string>;
  onCancel: () => void;
  onSaved: (message: string) => void;
  compact?: boolean;
}) {
  const [state, formAction, isPending] = useActionState<TagsFormState, FormData>(updateAccountTagsAction, { status: "idle" });
  const textId = useId();
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  useEffect(() => {
    if (state.status === "ok") onSaved(state.message ?? "Saved.");
  }, [state, onSaved]);
  return (
    <form action={formAction} data-testid="account-tags-form" aria-label={`Tags of account ${accountId}`}>
      <input type="hidden" name="accountId" value={accountId} />
      <label htmlFor={textId} className="small">
        {compact ? (
          <>
            Tags, one <span className="mono">key=value</span> per line
          </>
        ) : (
          <>
            One <span className="mono">key=value</span> per line. Tags decide tag scopes; Organizations discovery overwrites keys it also
            has.
          </>
        )}
      </label>
      <textarea
        id={textId}
        name="tags"
        rows={Math.max(compact ? 2 : 3, entries.length + 1)}
        defaultValue={entries.map(([key, value]) => `${key}=${value}`).join("\n")}
        style={{ width: "100%", minWidth: compact ? 200 : undefined }}
      />
      <div className="buttons">
        <button type="submit" disabled={isPending} className={compact ? "small" : undefined}>
          Save tags
        </button>
        <button type="button" disabled={isPending} onClick={onCancel} className={compact ? "small" : undefined}>
          Cancel
        </button>
      </div>
      {state.status === "error" ? (
        <p role="alert" className="error-text" data-testid="account-tags-message">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
