import { SkeletonTiles } from "../../../_components/page-skeleton";

/**
 * What the account page shows while its queries run: the same blocks in the same places
 * (header, tags, section navigation, score tiles, two columns, the long sections), so the
 * page does not jump when it arrives, and a status for screen readers.
 */
export function AccountSkeleton() {
  return (
    <div aria-busy="true" aria-live="polite" data-testid="page-loading">
      <p className="sr-only">Loading the account…</p>
      <div className="skeleton line" style={{ width: 220 }} />
      <div className="skeleton title" />
      <div className="panel">
        {[0, 1, 2].map((key) => (
          <div key={key} className="skeleton line" style={{ width: "40%" }} />
        ))}
      </div>
      <SkeletonTiles count={5} />
      <div className="grid-2">
        {[0, 1].map((key) => (
          <div key={key} className="panel">
            <div className="skeleton block" />
          </div>
        ))}
      </div>
      {[0, 1].map((key) => (
        <div key={key} className="panel">
          {[0, 1, 2, 3, 4, 5].map((line) => (
            <div key={line} className="skeleton line" />
          ))}
        </div>
      ))}
    </div>
  );
}
