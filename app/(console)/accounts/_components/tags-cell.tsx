"use client";

import { useState } from "react";
import { TagsEditor } from "./tags-editor";

/**
 * An account's tags in a table row, each a link that filters the list by it; admins get an
 * "Edit" button that opens the shared tag editor in the cell (same action, same audit as the
 * account page), so tagging a batch of accounts needs no trip to each account.
 */
export function TagsCell({ accountId, tags, canEdit }: { accountId: string; tags: Record<string, string>; canEdit: boolean }) {
  const [isEditing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  if (isEditing)
    return (
      <TagsEditor
        accountId={accountId}
        tags={tags}
        compact
        onCancel={() => setEditing(false)}
        onSaved={(message) => {
          setSaved(message);
          setEditing(false);
        }}
      />
    );
  return (
    <span className="small" data-testid="account-tags-cell">
      {entries.length === 0 ? <span className="muted">none</span> : null}
      {entries.map(([key, value]) => (
        <a key={key} href={`/accounts?tag=${encodeURIComponent(`${key}=${value}`)}`} className="badge tag-link">
          {`${key}=${value}`}
        </a>
      ))}
      {canEdit ? (
        <button
          type="button"
          className="small"
          onClick={() => {
            setSaved(null);
            setEditing(true);
          }}
          aria-label={`Edit tags of account ${accountId}`}
          data-testid="edit-tags"
        >
          Edit
        </button>
      ) : null}
      {saved ? (
        <span role="status" className="muted" data-testid="account-tags-message">
          {" "}
          {saved}
        </span>
      ) : null}
    </span>
  );
}
