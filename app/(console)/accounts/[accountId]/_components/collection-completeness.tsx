import type { LatestRun } from "@/lib/data/scores/get-account-scorecard";

/**
 * The one place that may say "everything was read": only when the latest collection
 * succeeded and none of its steps failed or found a source off. A run that failed before
 * any step (a denied role) read nothing, and says so.
 */
export function CollectionCompleteness({ latestRun, problemCount }: { latestRun: LatestRun | null; problemCount: number }) {
  if (!latestRun) return null;
  if (latestRun.status === "running")
    return <p className="small muted">Collection in progress: the figures below are from the previous read.</p>;
  if (latestRun.status === "succeeded" && problemCount === 0) {
    return (
      <p className="small muted" data-testid="complete-read">
        Every region and source was read.
      </p>
    );
  }
  if (problemCount === 0) {
    return (
      <p className="small error-text" data-testid="incomplete-read">
        The latest collection ended {latestRun.status} before every region and source was read
        {latestRun.error ? `: ${latestRun.error}` : ""}. The score keeps using older evidence only until it is older than the evidence age
        limit; then it counts as missing.
      </p>
    );
  }
  return null;
}
