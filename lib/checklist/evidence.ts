/**
 * What the checklist is evaluated over: everything collected for one account, already
 * loaded from PostgreSQL by lib/data/checklist/load-account-evidence.ts. Pure data, so the
 * evaluation is a pure, unit-tested function.
 */

import type { Source } from "@/lib/aws/sources";
import type {
  ComplianceStatus,
  ControlEnablement,
  DetectorInfo,
  FindingSource,
  HubInfo,
  SecurityEvent,
  SeverityLabel,
  TrailInfo,
} from "@/lib/aws/normalise/types";

/** The record types the checklist evaluates are owned by the layer that produces them. */
export type { ControlEnablement, DetectorInfo, HubInfo, SecurityEvent, TrailInfo };

/** State of one evidence source in one region, from the latest collection run. */
export type SourceState =
  | "ok" //              collected, the service is enabled
  | "disabled" //        collected, the service is off (GuardDuty detector missing/DISABLED, Security Hub not subscribed, no trail)
  | "error" //           collection failed (AccessDenied, throttled out, ...): no trustworthy data
  | "not_collected" //   never collected yet
  | "stale"; //          read once, but longer ago than the evidence age limit: counts as missing

/**
 * "collected": Parapet read the source through the API (a source cursor exists).
 * "imported": the source was seen only in imported files; its regions are the ones the
 * records name and its read time is the newest record's time.
 */
export type SourceOrigin = "collected" | "imported";

export interface SourceStatus {
  region: string;
  state: SourceState;
  /** AWS error code/message when state is "error"; "evidence as of ..." when stale. */
  error: string | null;
  origin?: SourceOrigin;
  /** When the evidence was read (collected: last successful read; imported: newest record). Unknown = never judged stale. */
  asOf?: Date | null;
}

export interface ControlResult {
  /** Finding sourceId (ASFF Id) - the evidence id shown in the console. */
  findingId: string;
  /** Consolidated control id, e.g. "IAM.6", "S3.1". */
  controlId: string;
  /** ASFF Compliance.Status. */
  status: ComplianceStatus;
  /** Only ACTIVE records are passed in; ARCHIVED ones are history. */
  resourceType: string | null;
  resourceId: string | null;
  region: string;
  severityLabel: string;
  /** ASFF Workflow.Status: SUPPRESSED = the team accepted it in Security Hub; RESOLVED = closed, awaiting the next check. */
  workflowStatus?: string | null;
  /** ASFF UpdatedAt: when several copies (legacy per-standard and consolidated) describe one control+resource, the newest decides. */
  updatedAt?: Date;
}

export interface ThreatFinding {
  findingId: string;
  source: FindingSource;
  type: string;
  title: string;
  severity: number; // 0-100
  severityLabel: SeverityLabel;
  region: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Only "active" findings are passed as threats; archived/resolved are not. */
  resourceType: string | null;
}

export interface RiskAcceptance {
  itemId: string;
  /** null = the item for the whole account. */
  findingId: string | null;
  reason: string;
  owner: string;
  expiresAt: Date;
}

export interface AccountEvidence {
  accountId: string;
  /** Regions Parapet collects for this account. */
  regions: string[];
  sources: Record<Source, SourceStatus[]>;
  /** Latest ACTIVE Security Hub control results (one per finding). */
  controls: ControlResult[];
  /** Active threat findings (GuardDuty, plus non-control Security Hub findings e.g. Inspector, Macie). Security Hub copies of GuardDuty findings are already removed. */
  threats: ThreatFinding[];
  /** Security-relevant CloudTrail events of the last 90 days. */
  events: SecurityEvent[];
  trails: TrailInfo[];
  detectors: DetectorInfo[];
  hubs: HubInfo[];
  /** Per-region control enablement in each enabled standard; empty when not collected (imports). */
  controlEnablement?: ControlEnablement[];
  acceptances: RiskAcceptance[];
  /** Evidence read longer ago than this counts as missing (see markStaleSources). */
  evidenceMaxAgeHours?: number;
  /** Evaluation time (deterministic in tests). */
  now: Date;
}
