/**
 * The one finding model and the one event model every source is normalised into.
 * Collectors (through the SDK) and `parapet import` (from files) both produce these,
 * so ingest never needs to know where a record came from.
 */

import type { FindingSource } from "@/lib/aws/sources";

export type { FindingSource };

/** AWS's own severity labels (ASFF `Severity.Label`; GuardDuty bands mapped onto them), lowest first. */
export const SEVERITY_LABELS = ["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type SeverityLabel = (typeof SEVERITY_LABELS)[number];

/** Lifecycle as the console shows it. `active` = needs attention; the rest are closed states. */
export const FINDING_STATUSES = ["active", "archived", "resolved", "suppressed"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** ASFF Compliance.Status values. */
export const COMPLIANCE_STATUSES = ["PASSED", "FAILED", "WARNING", "NOT_AVAILABLE"] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/** What a normaliser answers: the record in Parapet's model, or why it could not be read. */
export type NormaliseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface NormalisedFinding {
  source: FindingSource;
  /** The source's own id: GuardDuty finding `Id`, or ASFF `Id` (an ARN for SH findings). */
  sourceId: string;
  /** 12-digit account the record names (not the account it was fetched from). */
  accountId: string;
  /** Region the record names. */
  region: string;
  /** GuardDuty `Type` (e.g. Recon:EC2/PortProbeUnprotectedPort) or ASFF `Types[0]`. */
  type: string;
  title: string;
  description: string | null;
  /** 0-100. GuardDuty 0-10 scale multiplied by 10; ASFF `Severity.Normalized` (or derived from Label). */
  severity: number;
  severityLabel: SeverityLabel;
  status: FindingStatus;
  /** ASFF Workflow.Status (NEW | NOTIFIED | RESOLVED | SUPPRESSED); null for GuardDuty. */
  workflowStatus: string | null;
  /** ASFF RecordState (ACTIVE | ARCHIVED); GuardDuty: ARCHIVED when Service.Archived. */
  recordState: string | null;
  /** ASFF Compliance.Status (PASSED | FAILED | WARNING | NOT_AVAILABLE); null otherwise. */
  complianceStatus: string | null;
  /** Consolidated control id (e.g. IAM.6), from Compliance.SecurityControlId, else derived from the legacy ProductFields.ControlId / RuleId. */
  controlId: string | null;
  /** ASFF ProductName / ProductFields["aws/securityhub/ProductName"]; "GuardDuty" for GuardDuty. */
  productName: string | null;
  resourceType: string | null;
  resourceId: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Source's UpdatedAt; the incremental cursor moves on this. */
  updatedAt: Date;
  /**
   * For a Security Hub copy of a GuardDuty finding: the GuardDuty finding id it re-publishes
   * (so the pair is counted once). Null otherwise.
   */
  linkedGuardDutyId: string | null;
  /** The record exactly as AWS sent it. */
  raw: unknown;
}

/** The fields of a CloudTrail event the checklist and the console read (stored in `cloudtrail_events`). */
export interface SecurityEvent {
  /** CloudTrail `eventID`. */
  eventId: string;
  eventName: string;
  eventSource: string;
  eventTime: Date;
  /** `awsRegion`. */
  region: string;
  /** userIdentity.type: Root | IAMUser | AssumedRole | ... */
  userType: string | null;
  /** userIdentity.arn, or userName for display. */
  userArn: string | null;
  errorCode: string | null;
  /** `errorMessage`: a failed ConsoleLogin carries only this ("Failed authentication"), no errorCode. */
  errorMessage?: string | null;
  /** `responseElements.ConsoleLogin` ("Success" | "Failure") for sign-in events, else null. */
  loginResult?: string | null;
  /** `userIdentity.invokedBy`: an AWS service acting (e.g. support.amazonaws.com), not a person. */
  invokedBy?: string | null;
  /** `eventType`: AwsApiCall | AwsServiceEvent | AwsConsoleSignIn | ... */
  eventType?: string | null;
  /** `requestParameters` as recorded: decides whether an UpdateTrail / UpdateDetector switches something off. */
  requestParameters?: unknown;
  /** additionalEventData.MFAUsed === "Yes" for ConsoleLogin; null when not a login. */
  mfaUsed: boolean | null;
}

/** A stored security event as the console lists it: what the checklist reads, plus where it came from. */
export interface SecurityEventRecord extends SecurityEvent {
  /** `sourceIPAddress`. */
  sourceIp: string | null;
}

export interface NormalisedEvent extends SecurityEventRecord {
  /** `recipientAccountId` (falls back to userIdentity.accountId). */
  accountId: string;
  readOnly: boolean | null;
  /** The full CloudTrail event record (parsed JSON), as AWS sent it. */
  raw: unknown;
}

/** A record that could not be normalised: where it was and why. Never thrown away silently. */
export interface RecordProblem {
  /** File path, or "<api:GetFindings>" etc. for API pages. */
  file: string;
  /** JSON pointer / index / line number, e.g. "line 12" or "Findings[3]". */
  position: string;
  reason: string;
}

/*
 * Service state the collectors read alongside the records (DescribeTrails / GetTrailStatus,
 * GetDetector, DescribeHub): produced by lib/aws/collectors, evaluated by the checklist.
 */

export interface TrailInfo {
  name: string;
  homeRegion: string;
  isMultiRegion: boolean;
  isLogging: boolean;
  logFileValidation: boolean;
  kmsKeyId: string | null;
  cloudWatchLogsLogGroupArn: string | null;
}

export interface DetectorInfo {
  region: string;
  detectorId: string;
  status: "ENABLED" | "DISABLED";
  /** Feature name -> ENABLED/DISABLED, e.g. S3_DATA_EVENTS, EKS_AUDIT_LOGS, RUNTIME_MONITORING. */
  features: Record<string, string>;
}

export interface HubInfo {
  region: string;
  enabled: boolean;
  /** Enabled standards ARNs. */
  standards: string[];
}

/** Whether a Security Hub control is enabled in one enabled standard, from DescribeStandardsControls. */
export interface ControlEnablement {
  region: string;
  /** Consolidated control id (e.g. IAM.6), mapped from the standard's own id when needed. */
  controlId: string;
  standardArn: string;
  /** Human name of the standard, e.g. "CIS AWS Foundations Benchmark v1.2.0". */
  standardName: string;
  status: "ENABLED" | "DISABLED";
  disabledReason: string | null;
  /** ControlStatusUpdatedAt: since when the control has had this status. */
  statusSince: Date | null;
}
