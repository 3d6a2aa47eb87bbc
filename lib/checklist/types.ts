/**
 * Types of the customer-responsibility checklist (the data in ./items) and of its
 * evaluation and score. Everything here is plain data so results can be stored as JSON
 * snapshots and compared later (see diff-snapshots.ts).
 */
import type { ControlResult, ThreatFinding } from "./evidence";

/** The eight customer-side domains named by the seeds (DESIGN.md, "The checklist and the score"). */
export type Domain =
  | "identity_access"
  | "data_protection"
  | "network"
  | "logging_monitoring"
  | "os_patching"
  | "application_security"
  | "backup_resilience"
  | "compliance_governance";

/** Fixed display order; also the order of `AccountScore.domains` keys. */
export const DOMAINS: readonly Domain[] = [
  "identity_access",
  "data_protection",
  "network",
  "logging_monitoring",
  "os_patching",
  "application_security",
  "backup_resilience",
  "compliance_governance",
];

export const DOMAIN_TITLES: Record<Domain, string> = {
  identity_access: "Identity and access",
  data_protection: "Data protection and encryption",
  network: "Network configuration",
  logging_monitoring: "Logging, monitoring and threat detection",
  os_patching: "Operating-system patching",
  application_security: "Application security",
  backup_resilience: "Backup and resilience",
  compliance_governance: "Compliance and governance",
};

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Weight of an item in the score. Roughly geometric so that one critical gap outweighs a
 * handful of low ones, as an analyst would triage them. Changing these values changes
 * every score: bump CHECKLIST_VERSION.
 */
export const SEVERITY_WEIGHT: Record<Severity, number> = {
  critical: 10,
  high: 6,
  medium: 3,
  low: 1,
};

/**
 * Services whose use decides whether an item applies (the IaaS / PaaS / SaaS shift: no
 * RDS instance means no RDS duty). Usage is judged from the collected data only, see
 * SERVICE_SIGNATURES in is-service-used.ts.
 */
export type Service =
  | "ec2" //  instances and their volumes (IaaS compute)
  | "vpc" //  security groups, NACLs, VPCs, subnets
  | "s3"
  | "rds"
  | "dynamodb"
  | "redshift"
  | "kms"
  | "lambda"
  | "apigateway"
  | "cloudfront"
  | "elb"
  | "ecr"
  | "ecs"
  | "eks"
  | "secretsmanager";

export type Applicability =
  /** Every account has this duty (identity, logging, account-level settings). */
  | { kind: "always" }
  /** Applies when at least one of the services is seen in use. */
  | { kind: "uses_service"; services: Service[] };

export type RiskyEventPattern = "root_use" | "logging_tampering" | "detection_disabled" | "console_login_without_mfa";

export type TrailRequirement = "multi_region_logging" | "log_file_validation" | "kms_encryption" | "cloudwatch_logs";

/** How an item is decided from AccountEvidence. One kind per evaluator in evaluate-item.ts. */
export type EvidenceRule =
  /**
   * Security Hub control results for item.controlIds, deduplicated per resource (default),
   * or per control and resource for items made of several account-level checks (password
   * policy, alarm set) where "7 of 9 checks pass" is more honest than "the account fails".
   */
  | { kind: "controls"; countBy?: "resource" | "control_and_resource" }
  /** GuardDuty detector ENABLED in every collected region. */
  | { kind: "guardduty_enabled" }
  /** A GuardDuty protection plan (detector feature) ENABLED wherever a detector is enabled. */
  | { kind: "guardduty_feature"; features: string[] }
  /** Security Hub subscribed in every collected region. */
  | { kind: "securityhub_enabled" }
  /** At least one security standard enabled in every region where Security Hub is on. */
  | { kind: "securityhub_standards" }
  /** No active threat finding at or above minSeverity (optionally older than N days, optionally by type / resource). */
  | {
      kind: "active_threats";
      source: ThreatFinding["source"] | "any";
      minSeverity: "MEDIUM" | "HIGH" | "CRITICAL";
      /** Only findings first seen at least this many days before `now`. */
      olderThanDays?: number;
      /** ASFF/GuardDuty type prefixes, e.g. "Software and Configuration Checks/Vulnerabilities". */
      typePrefixes?: string[];
      /** ASFF resource type prefixes, e.g. "AwsEc2Instance". */
      resourceTypePrefixes?: string[];
      /**
       * Controls that prove the scanner producing these findings is on (e.g. Inspector.1).
       * Without them "no findings" could just mean "nobody is looking", which must not pass.
       */
      scannerControlIds?: string[];
    }
  /** No successful CloudTrail event matching the pattern in the last windowDays. */
  | { kind: "risky_events"; pattern: RiskyEventPattern; windowDays: number }
  /** CloudTrail trail configuration from DescribeTrails / GetTrailStatus. */
  | { kind: "trails"; requirement: TrailRequirement };

export interface ChecklistItem {
  /** Stable id, e.g. "IAM-01". Never reused for a different duty. */
  id: string;
  domain: Domain;
  title: string;
  /** Why this is the customer's half of the model, citing the seed file(s) in ../shared/seeds. */
  whyCustomer: string;
  severity: Severity;
  appliesWhen: Applicability;
  evidence: EvidenceRule;
  remediation: string;
  /** Consolidated Security Hub control ids (Compliance.SecurityControlId) this item maps to. */
  controlIds: string[];
  /** Legacy per-standard ids of the same checks: CIS v1.2.0 rule ids, CIS v1.4.0 ids, PCI DSS ids. */
  legacyControlIds: string[];
  /** CIS AWS Foundations Benchmark v3.0.0 requirement ids. */
  cisIds: string[];
}

export const ITEM_STATUSES = ["pass", "fail", "partial", "not_applicable", "no_data"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const EVIDENCE_KINDS = ["control", "finding", "event", "trail", "detector", "hub", "source", "acceptance"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** One record that decided (or was looked at for) an item. `id` is what the console links to. */
export interface EvidenceRef {
  kind: EvidenceKind;
  id: string;
  note?: string;
}

export interface AcceptanceRef {
  reason: string;
  owner: string;
  expiresAt: Date;
}

/** Status after accepted risks are applied. Same shape as the raw one. */
export interface AdjustedStatus {
  status: ItemStatus;
  passing?: number;
  total?: number;
}

export interface ItemResult {
  itemId: string;
  domain: Domain;
  severity: Severity;
  /** Copied from the item so a stored result scores without the checklist at hand. */
  weight: number;
  status: ItemStatus;
  /** For resource-based items: resources (or regions / trails) passing out of total. */
  passing?: number;
  total?: number;
  /** One sentence a human can read: why this status. */
  reason: string;
  /** For no_data (and partial data): which sources were missing, e.g. "securityhub:eu-west-1 (error: AccessDenied)". */
  missingSources?: string[];
  evidence: EvidenceRef[];
  /** Account-wide acceptance of this item, active at evaluation time. */
  accepted?: AcceptanceRef;
  /** Accepted individual findings that counted as passing in the risk-adjusted view. */
  acceptedFindings?: Array<AcceptanceRef & { findingId: string }>;
  /** Risk-adjusted view: accepted failures count as pass until the acceptance expires. */
  riskAdjusted: AdjustedStatus;
}

export interface DomainScore {
  /** 0-100, null when no applicable item had data. */
  score: number | null;
  riskAdjustedScore: number | null;
  /** 0-100 share of applicable weight that had evidence; null when nothing applies. */
  coverage: number | null;
  weightApplicable: number;
  weightWithData: number;
  /** Sum of weight x credit (raw), unrounded, so scores roll up exactly. */
  earnedWeight: number;
  riskAdjustedEarnedWeight: number;
}

/** One evidence source in one region as the score used it: shown wherever coverage is shown. */
export interface ScoreSource {
  source: "guardduty" | "securityhub" | "cloudtrail";
  region: string;
  state: "ok" | "disabled" | "error" | "not_collected" | "stale";
  origin: "collected" | "imported";
  /** Collected: last successful read. Imported: the newest record's time ("imported as of"). */
  asOf: Date | null;
}

export interface AccountScore {
  accountId: string;
  /** Oldest read among the sources used ("evidence as of"); null when nothing was read. */
  evidenceAsOf?: Date | null;
  sources?: ScoreSource[];
  /** Raw score 0-100, null when no item had data. */
  score: number | null;
  riskAdjustedScore: number | null;
  coverage: number | null;
  weightApplicable: number;
  weightWithData: number;
  earnedWeight: number;
  riskAdjustedEarnedWeight: number;
  domains: Record<Domain, DomainScore>;
  items: ItemResult[];
  checklistVersion: string;
  evaluatedAt: Date;
}

/** Re-exported for item files that type their control references. */
export type { ControlResult };
