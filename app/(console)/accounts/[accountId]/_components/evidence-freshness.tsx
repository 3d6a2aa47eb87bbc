"use client";

import type { StoredSnapshot } from "@/lib/data/scores/get-account-scorecard";
import { formatTime } from "../../../_components/format";

const SOURCE_LABELS: Record<string, string> = { guardduty: "GuardDuty", securityhub: "Security Hub", cloudtrail: "CloudTrail" };

/**
 * "Evidence as of" and, per source and region, where the score's evidence came from:
 * collected (last read), imported as of the newest imported record, stale (older than the
 * age limit: counted as missing), failed or never read. Shown beside the coverage figure.
 * A client component given the snapshot's sources and its "as of" only (not the snapshot), so
 * the RSC payload carries those fields rather than the rendered rows beside their HTML.
 */
export function EvidenceFreshness({ sources, evidenceAsOf }: Pick<StoredSnapshot, "sources" | "evidenceAsOf">) {
  if (sources.length === 0) {
    return <p className="small muted">Evidence as of: not recorded for this snapshot (taken before freshness was kept).</p>;
  }
  return (
    <div data-testid="evidence-freshness">
      <p className="small">
        Evidence as of <strong data-testid="evidence-as-of">{evidenceAsOf ? formatTime(evidenceAsOf) : "unknown"}</strong> (the oldest read
        the score used).
      </p>
      <table className="small">
        <thead>
          <tr>
            <th>Source</th>
            <th>Region</th>
            <th>Evidence</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((source) => (
            <tr key={`${source.source}:${source.region}`}>
              <td>{SOURCE_LABELS[source.source] ?? source.source}</td>
              <td>{source.region}</td>
              <td>{describe(source)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function describe(source: StoredSnapshot["sources"][number]) {
  const when = source.asOf ? formatTime(source.asOf) : "unknown";
  switch (source.state) {
    case "ok":
      return source.origin === "imported" ? (
        <span className="badge">imported as of {when}</span>
      ) : (
        <span className="badge ok">read {when}</span>
      );
    case "disabled":
      return <span className="badge status-no_data">service off (read {when})</span>;
    case "stale":
      return <span className="badge error">stale: evidence as of {when}, counted as missing</span>;
    case "error":
      return <span className="badge error">read failed: counted as missing</span>;
    default:
      return <span className="badge status-no_data">never read</span>;
  }
}
