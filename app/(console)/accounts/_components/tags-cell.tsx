"use client";

import { useState } from "react";
import { TagsEditor } from "./tags-editor";

/**
 * Tags a row shows before "+N": one below 1800 px, two from there (the stylesheet picks; both
 * counts are rendered), so the row stays one line at 1440 and 1920 px. Hidden chips are
 * `display: none`, out of the tab order as well as out of sight, until "+N" shows them all.
 */
const SHOWN_NARROW = 1;
const SHOWN_WIDE = 2;

/**
 * An account's tags in a table row, each a link that filters the list by it (the first one
 * or two, "+N" for the rest); admins get an "Edit" button that opens the shared tag editor
 * in the cell (same action, same audit as the account page), so tagging a batch of accounts
 * needs no trip to each account.
 */
export function TagsCell({ accountId, tags, canEdit }: { accountId: string; tags: Record<string, string>; canEdit: boolean }) {
  const [isEditing, setEditing] = useState(false);
  const [isExpanded, setExpanded] = useState(false);
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
    <span className={isExpanded ? "small tags-line expanded" : "small tags-line"} data-testid="account-tags-cell">
      {entries.length === 0 ? <span className="muted">none</span> : null}
      {entries.map(([key, value], index) => (
        <a
          key={key}
          href={`/accounts?tag=${encodeURIComponent(`${key}=${value}`)}`}
          className={`badge tag-link${index >= SHOWN_WIDE ? " beyond-wide" : index >= SHOWN_NARROW ? " beyond-narrow" : ""}`}
          title={`${key}=${value}`}
        >
          {`${key}=${value}`}
        </a>
      ))}
      {entries.length > SHOWN_NARROW ? (
        <button
          type="button"
          className={entries.length > SHOWN_WIDE ? "tags-more" : "tags-more narrow-only"}
          aria-expanded={isExpanded}
          data-testid="tags-more"
          onClick={() => setExpanded(!isExpanded)}
        >
          {/* The name is the visible text with its context around it (WCAG 2.5.3, label in name:
              a speech user says what they see), not an aria-label that leaves "+3" out. */}
          {isExpanded ? (
            <>
              <span className="sr-only">Show </span>
              fewer
              <span className="sr-only">{` tags of account ${accountId}`}</span>
            </>
          ) : (
            <>
              <span className="sr-only">{`Show all ${entries.length} tags of account ${accountId}: `}</span>
              <span className="count-narrow">+{entries.length - SHOWN_NARROW}</span>
              <span className="count-wide">+{entries.length - SHOWN_WIDE}</span>
            </>
          )}
        </button>
      ) : null}
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
