import type { ResolvedEvidence } from "@/lib/data/checklist/get-account-item";

export const EVIDENCE_GROUPINGS = ["principal", "resource", "control", "none"] as const;
export type EvidenceGrouping = (typeof EVIDENCE_GROUPINGS)[number];

export interface EvidenceGroup {
  key: string;
  label: string;
  items: ResolvedEvidence[];
  /** Records in the group that AWS refused or that fail (events with an error code, failing findings). */
  flagged: number;
}

/** What a record is grouped under: who did it, what it is about, or which control/event it is. */
function groupKey(evidence: ResolvedEvidence, grouping: EvidenceGrouping): string {
  const { ref, record } = evidence;
  if (grouping === "none") return `${ref.kind}:${ref.id}`;
  if (!record) return `${ref.kind}: ${grouping === "control" ? ref.id : "record not stored"}`;
  switch (record.kind) {
    case "event":
      if (grouping === "principal") return record.userArn ?? record.userType ?? "unknown caller";
      if (grouping === "control") return record.eventName;
      return `${record.eventSource} in ${record.region}`;
    case "finding":
      if (grouping === "principal") return `${record.source === "guardduty" ? "GuardDuty" : "Security Hub"} findings`;
      if (grouping === "control") return record.controlId ?? record.title;
      return record.resourceId ?? "(no resource)";
    case "trail":
      return grouping === "resource" ? record.trailArn : "CloudTrail trails";
    case "detector":
      return grouping === "resource" ? `detector ${record.detectorId}` : "GuardDuty detectors";
    case "hub":
      return grouping === "resource" ? `Security Hub in ${record.region}` : "Security Hub";
  }
}

function isFlagged(evidence: ResolvedEvidence): boolean {
  const record = evidence.record;
  if (record?.kind === "event") return record.errorCode !== null || record.mfaUsed === false;
  if (record?.kind === "finding")
    return record.complianceStatus === "FAILED" || (record.complianceStatus === null && record.status === "active");
  return false;
}

/**
 * The grouping that folds the most near-identical rows: events by caller, findings by
 * control when they carry one (by resource otherwise), and nothing for a handful of records.
 */
export function defaultGrouping(evidence: ResolvedEvidence[]): EvidenceGrouping {
  if (evidence.length <= 10) return "none";
  const events = evidence.filter((item) => item.record?.kind === "event").length;
  const findings = evidence.filter((item) => item.record?.kind === "finding");
  if (events >= findings.length) return "principal";
  return findings.some((item) => item.record?.kind === "finding" && item.record.controlId) ? "control" : "resource";
}

/** Largest group first (ties by key), so the bulk of the evidence is at the top. */
export function groupEvidence(evidence: ResolvedEvidence[], grouping: EvidenceGrouping): EvidenceGroup[] {
  const groups = new Map<string, EvidenceGroup>();
  for (const item of evidence) {
    const key = groupKey(item, grouping);
    const group = groups.get(key) ?? { key, label: key, items: [], flagged: 0 };
    group.items.push(item);
    if (isFlagged(item)) group.flagged += 1;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.items.length - a.items.length || a.key.localeCompare(b.key));
}
