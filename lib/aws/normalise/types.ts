/**
 * The one finding model and the one event model every source is normalised into.
 * Collectors (through the SDK) and `parapet import` (from files) both produce these,
 * so ingest never needs to know where a record came from.
 */

export type FindingSource = "guardduty" | "securityhub";

/** AWS's own severity labels (ASFF `Severity.Label`; GuardDuty bands mapped onto them). */
export type SeverityLabel = "INFORMATIONAL" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";

/** Lifecycle as the console shows it. `active` = needs attention; the rest are closed states. */
export type FindingStatus = "active" | "archived" | "resolved" | "suppressed";

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

export interface NormalisedEvent {
  /** CloudTrail `eventID`. */
  eventId: string;
  /** `recipientAccountId` (falls back to userIdentity.accountId). */
  accountId: string;
  /** `awsRegion`. */
  region: string;
  eventName: string;
  eventSource: string;
  eventTime: Date;
  /** userIdentity.type: Root | IAMUser | AssumedRole | ... */
  userType: string | null;
  /** userIdentity.arn, or userName for display. */
  userArn: string | null;
  sourceIp: string | null;
  errorCode: string | null;
  /** additionalEventData.MFAUsed === "Yes" for ConsoleLogin; null when not a login. */
  mfaUsed: boolean | null;
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
