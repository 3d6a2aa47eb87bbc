/**
 * What the record page shows while the items citing the record load: breadcrumb, title, the
 * "where this record counts" panel, the normalised fields and the raw JSON block, in their
 * places; a status for screen readers.
 */
export function RecordSkeleton() {
  return (
    <div aria-busy="true" aria-live="polite" data-testid="page-loading">
      <p className="sr-only">Loading the record…</p>
      <div className="skeleton line" style={{ width: 260 }} />
      <div className="skeleton title" />
      <div className="panel">
        {[0, 1].map((line) => (
          <div key={line} className="skeleton line" style={{ width: line === 0 ? "30%" : undefined }} />
        ))}
      </div>
      <div className="panel">
        {[0, 1, 2, 3, 4, 5].map((line) => (
          <div key={line} className="skeleton line" style={{ width: line === 0 ? "30%" : undefined }} />
        ))}
      </div>
      <div className="panel">
        <div className="skeleton block" />
      </div>
    </div>
  );
}
