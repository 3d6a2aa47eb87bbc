/** "matches N accounts now" under a scope in a list; a scope that matches none is allowed but warned about. */
export function ScopeMatchCount({ count }: { count: number | undefined }) {
  if (count === undefined) return null;
  if (count === 0)
    return (
      <div className="scope-warning">
        <span className="badge warn">matches no account</span> an empty console until an account matches
      </div>
    );
  return (
    <div className="muted">
      matches {count} {count === 1 ? "account" : "accounts"} now
    </div>
  );
}
