/**
 * Shown at once while a console page's queries run, so a slow or paused database never
 * looks like a hang. Used by the loading.tsx of the pages that never answer 404: a loading
 * boundary streams the page, so its HTTP status is sent before the page could call
 * notFound() (an unknown account would answer 200). The account and item pages therefore
 * check the account first and stream the rest behind their own skeletons (Suspense); the
 * admin-only pages (users, audit), which answer 404 to others, have none.
 */
export function PageSkeleton() {
  return (
    <div aria-busy="true" aria-live="polite" data-testid="page-loading">
      <p className="sr-only">Loading…</p>
      <div className="skeleton title" />
      <SkeletonTiles count={4} />
      <div className="panel">
        <div className="skeleton block" />
      </div>
      <div className="panel">
        {[0, 1, 2, 3, 4, 5].map((key) => (
          <div key={key} className="skeleton line" />
        ))}
      </div>
    </div>
  );
}

/** A row of placeholder tiles (label and value), for the skeletons of pages that open with tiles. */
export function SkeletonTiles({ count }: { count: number }) {
  return (
    <div className="tiles">
      {Array.from({ length: count }, (_, key) => (
        <div key={key} className="tile">
          <div className="skeleton line" style={{ width: "50%" }} />
          <div className="skeleton line" style={{ height: 26 }} />
        </div>
      ))}
    </div>
  );
}
