"use client";

import { useActionState, useState } from "react";
import { updateAccountTagsAction, type TagsFormState } from "../actions";

/**
 * The account's Organizations OU path and tags (what scopes by OU and tag select on), with
 * an editor for admins: one key=value per line. Kept in its own file so page layouts can
 * move it freely.
 */
export function AccountTags({
  accountId,
  tags,
  ouPath,
  canEdit,
}: {
  accountId: string;
  tags: Record<string, string>;
  ouPath: string | null;
  canEdit: boolean;
}) {
  const [state, formAction, isPending] = useActionState<TagsFormState, FormData>(updateAccountTagsAction, { status: "idle" });
  const [isEditing, setEditing] = useState(false);
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="panel" data-testid="account-tags">
      <dl className="facts">
        <dt>OU path</dt>
        <dd className="mono" data-testid="account-ou-path">
          {ouPath ?? <span className="muted">not discovered (run Discover accounts from the management account)</span>}
        </dd>
        <dt>Tags</dt>
        <dd data-testid="account-tag-list">
          {entries.length === 0 ? <span className="muted">none</span> : null}
          {entries.map(([key, value]) => (
            <span key={key} className="badge mono" style={{ marginRight: 6 }}>
              {key}={value}
            </span>
          ))}
          {canEdit && !isEditing ? (
            <button type="button" className="small" style={{ marginLeft: 8 }} onClick={() => setEditing(true)}>
              Edit tags
            </button>
          ) : null}
        </dd>
      </dl>
      {canEdit && isEditing ? (
        <form action={formAction} data-testid="account-tags-form">
          <input type="hidden" name="accountId" value={accountId} />
          <label htmlFor="account-tags-text" className="small">
            One <span className="mono">key=value</span> per line. Tags decide tag scopes; Organizations discovery overwrites keys it also
            has.
          </label>
          <textarea
            id="account-tags-text"
            name="tags"
            rows={Math.max(3, entries.length + 1)}
            defaultValue={entries.map(([key, value]) => `${key}=${value}`).join("\n")}
            style={{ width: "100%" }}
          />
          <div className="buttons">
            <button type="submit" disabled={isPending}>
              Save tags
            </button>
            <button type="button" disabled={isPending} onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {state.status !== "idle" ? (
        <p role="status" className={state.status === "ok" ? "small" : "error-text"} data-testid="account-tags-message">
          {state.message}
        </p>
      ) : null}
    </section>
  );
}
