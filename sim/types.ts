/** Public shapes of the simulator, shared by the server, the generators and the CLI. */

export type Posture = "exemplary" | "good" | "average" | "weak" | "neglected";

export type ServiceName = "sts" | "organizations" | "guardduty" | "securityhub" | "cloudtrail";

export interface SimAccount {
  id: string;
  name: string;
  email: string;
  /** The role Parapet assumes: arn:aws:iam::<id>:role/ParapetReadOnly. */
  roleArn: string;
  externalId: string;
  regions: string[];
  posture: Posture;
  /** Flaw keys from flaw-catalogue.ts; each shows up in Security Hub, GuardDuty and CloudTrail. */
  flaws: string[];
  services: { guardduty: boolean; securityhub: boolean; cloudtrail: boolean };
  /** The root or OU the account sits in (Organizations ListParents). */
  parentId: string;
  /** Organizations tags of the account (ListTagsForResource). */
  tags: Record<string, string>;
  /** "loaded" accounts were created by --load for records naming an unknown account: they hold only those records. */
  origin?: "generated" | "loaded";
}

export interface SimOrganizationalUnit {
  id: string;
  name: string;
  parentId: string;
  tags: Record<string, string>;
}

export interface SimOrg {
  seed: string;
  regions: string[];
  managementAccountId: string;
  organizationId: string;
  /** The organisation's root (r-xxxx). */
  rootId: string;
  /** The OU tree, parents before children; `parentId` is the root or another OU. */
  organizationalUnits: SimOrganizationalUnit[];
  /** Set when the simulator runs with `delegatedAdmin: true`. */
  delegatedAdminAccountId: string | null;
  /** Set when the simulator runs with `aggregationRegion: true` (the first region). */
  aggregationRegion: string | null;
  accounts: SimAccount[];
}

export type FaultKind =
  "throttle" | "access-denied" | "service-disabled" | "server-error" | "slow" | "drop-connection" | "expire-credentials";

export interface FaultSpec {
  kind: FaultKind;
  accountId?: string;
  region?: string;
  service?: string;
  operation?: string;
  /** 0..1, default 1. */
  probability?: number;
  /** Fire at most this many times. */
  count?: number;
  /** For `slow`: delay before answering (default 2000 ms). */
  delayMs?: number;
}

export interface SimulatorOptions {
  /** 0 = random free port. */
  port?: number;
  host?: string;
  accounts?: number;
  regions?: string[];
  seed?: string | number;
  /** Simulated "now" at start; the clock then runs with wall time plus advanceTime(). */
  now?: Date;
  /** Per account/region/API token buckets (wall time). Default true. */
  quotas?: boolean;
  /** Make one member account the GuardDuty/Security Hub delegated administrator. */
  delegatedAdmin?: boolean;
  /** Make the first region the Security Hub aggregation region. */
  aggregationRegion?: boolean;
  /** Volume knobs (approximate upper bounds for neglected accounts). */
  findingsPerAccountRegion?: number;
  eventsPerAccountRegion?: number;
  /** Directory of recorded AWS records to load into the org (see load-records.ts). */
  loadDir?: string;
  /** Initial faults. */
  faults?: FaultSpec[];
}

export interface SimCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}
