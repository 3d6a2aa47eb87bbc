/**
 * What the item page shows while its evidence loads: breadcrumb, title, section navigation,
 * the result and definition side by side, then the evidence table; a status for screen readers.
 */
export function ItemSkeleton() {
  return (
    <div aria-busy="true" aria-live="polite" data-testid="page-loading">
      <p className="sr-only">Loading the item and its evidence…</p>
      <div className="skeleton line" style={{ width: 260 }} />
      <div className="skeleton title" />
      <div className="grid-2">
        {[0, 1].map((key) => (
          <div key={key} className="panel">
            {[0, 1, 2, 3, 4].map((line) => (
              <div key={line} className="skeleton line" style={{ width: line === 0 ? "40%" : undefined }} />
            ))}
          </div>
        ))}
      </div>
      <div className="panel">
        {[0, 1, 2, 3, 4, 5, 6, 7].map((line) => (
          <div key={line} className="skeleton line" />
        ))}
      </div>
    </div>
  );
}
