import type { AccountEvidence, SourceStatus } from "./evidence";

export const DEFAULT_EVIDENCE_MAX_AGE_HOURS = 48;
const HOUR_MS = 3_600_000;

/**
 * The freshness rule: a source read (or, for imports, whose newest record is) longer ago than
 * the age limit is "stale" and counts as missing, exactly like a failed read. So an account
 * that went dark loses coverage instead of keeping yesterday's figures with today's date.
 * Statuses without a read time (hand-built evidence) are left as they are. Pure.
 */
export function markStaleSources(evidence: AccountEvidence): AccountEvidence {
  const maxAgeMs = (evidence.evidenceMaxAgeHours ?? DEFAULT_EVIDENCE_MAX_AGE_HOURS) * HOUR_MS;
  const oldest = evidence.now.getTime() - maxAgeMs;
  const mark = (statuses: SourceStatus[]): SourceStatus[] =>
    statuses.map((status) =>
      (status.state === "ok" || status.state === "disabled") && status.asOf && status.asOf.getTime() < oldest
        ? { ...status, state: "stale", error: `evidence as of ${status.asOf.toISOString()}` }
        : status,
    );
  return {
    ...evidence,
    sources: {
      guardduty: mark(evidence.sources.guardduty),
      securityhub: mark(evidence.sources.securityhub),
      cloudtrail: mark(evidence.sources.cloudtrail),
    },
  };
}

/** "Evidence as of": the oldest read among the sources that were used (fresh ok/disabled with a known time), or null. */
export function findEvidenceAsOf(evidence: AccountEvidence): Date | null {
  let oldest: Date | null = null;
  for (const statuses of [evidence.sources.guardduty, evidence.sources.securityhub, evidence.sources.cloudtrail]) {
    for (const status of statuses) {
      if ((status.state === "ok" || status.state === "disabled") && status.asOf && (oldest === null || status.asOf < oldest))
        oldest = status.asOf;
    }
  }
  return oldest;
}
