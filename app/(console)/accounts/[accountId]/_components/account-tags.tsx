"use client";

import { useState } from "react";
import { TagsEditor } from "../../_components/tags-editor";

/**
 * The account's Organizations OU path and tags (what scopes by OU and tag select on), with
 * the tag editor for admins. Kept in its own file so page layouts can move it freely.
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
  const [isEditing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
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
            <button
              type="button"
              className="small"
              style={{ marginLeft: 8 }}
              onClick={() => {
                setSaved(null);
                setEditing(true);
              }}
            >
              Edit tags
            </button>
          ) : null}
        </dd>
      </dl>
      {canEdit && isEditing ? (
        <TagsEditor
          accountId={accountId}
          tags={tags}
          onCancel={() => setEditing(false)}
          onSaved={(message) => {
            setSaved(message);
            setEditing(false);
          }}
        />
      ) : null}
      {saved ? (
        <p role="status" className="small" data-testid="account-tags-message">
          {saved}
        </p>
      ) : null}
    </section>
  );
}
