import type { Inventory } from "./inventory";

/** GuardDuty finding exactly as it goes on the wire (camelCase, like the GuardDuty API sends). */
export interface GuardDutyFinding {
  accountId: string;
  arn: string;
  confidence?: number;
  createdAt: string;
  description: string;
  id: string;
  partition: string;
  region: string;
  resource: Record<string, unknown>;
  schemaVersion: string;
  service: {
    action?: Record<string, unknown>;
    archived: boolean;
    count: number;
    detectorId: string;
    eventFirstSeen: string;
    eventLastSeen: string;
    resourceRole: string;
    serviceName: string;
    additionalInfo: Record<string, unknown>;
    featureName?: string;
    [key: string]: unknown;
  };
  severity: number;
  title: string;
  type: string;
  updatedAt: string;
  [key: string]: unknown;
}

/** ASFF record (Security Hub's wire shape is already PascalCase). */
export interface AsffFinding {
  SchemaVersion: string;
  Id: string;
  ProductArn: string;
  GeneratorId: string;
  AwsAccountId: string;
  CreatedAt: string;
  UpdatedAt: string;
  Title: string;
  Description: string;
  Resources: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

export interface CloudTrailEventRecord {
  eventId: string;
  eventName: string;
  eventSource: string;
  eventTimeMs: number;
  username: string | null;
  accessKeyId: string | null;
  readOnly: boolean;
  resources: Array<{ ResourceType: string; ResourceName: string }>;
  /** Loaded from files (--load): exempt from the 90-day history window so recorded data stays visible. */
  loaded?: boolean;
  /** The full CloudTrail record; LookupEvents returns it JSON-encoded as CloudTrailEvent. */
  record: Record<string, unknown>;
}

export interface DetectorState {
  id: string;
  createdAt: string;
  updatedAt: string;
  status: "ENABLED" | "DISABLED";
  features: Array<{ name: string; status: "ENABLED" | "DISABLED" }>;
}

export interface HubState {
  hubArn: string;
  subscribedAt: string;
  standards: Array<{ standardsArn: string; subscriptionArn: string }>;
}

export interface TrailState {
  name: string;
  homeRegion: string;
  arn: string;
  s3BucketName: string;
  isMultiRegion: boolean;
  logFileValidation: boolean;
  kmsKeyId: string | null;
  cloudWatchLogsLogGroupArn: string | null;
  cloudWatchLogsRoleArn: string | null;
  isOrganizationTrail: boolean;
  isLogging: boolean;
  startLoggingMs: number;
  stopLoggingMs: number | null;
}

/** Everything the simulator holds for one account in one region. */
export interface RegionData {
  accountId: string;
  region: string;
  isHomeRegion: boolean;
  inventory: Inventory;
  detector: DetectorState | null;
  hub: HubState | null;
  trail: TrailState | null;
  /** Insertion-ordered; ids are the GuardDuty finding ids. */
  guardDutyFindings: Map<string, GuardDutyFinding>;
  /** Keyed by ASFF Id. */
  securityHubFindings: Map<string, AsffFinding>;
  events: CloudTrailEventRecord[];
}
