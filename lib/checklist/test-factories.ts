/** Small builders for AccountEvidence in unit tests. Defaults describe a healthy, fully collected account. */
import type {
  AccountEvidence,
  ControlResult,
  DetectorInfo,
  HubInfo,
  RiskAcceptance,
  SecurityEvent,
  SourceState,
  SourceStatus,
  ThreatFinding,
  TrailInfo,
} from "./evidence";
import type { AdjustedStatus, ItemResult } from "./types";

export const TEST_NOW = new Date("2026-11-20T12:00:00.000Z");
export const TEST_REGIONS = ["eu-west-1", "us-east-1"];
const DAY_MS = 86_400_000;

export function daysAgo(days: number): Date {
  return new Date(TEST_NOW.getTime() - days * DAY_MS);
}

export function sourceStates(state: SourceState, regions: string[] = TEST_REGIONS, error: string | null = null): SourceStatus[] {
  return regions.map((region) => ({ region, state, error: state === "error" ? (error ?? "AccessDeniedException") : null }));
}

export function makeEvidence(overrides: Partial<AccountEvidence> = {}): AccountEvidence {
  const regions = overrides.regions ?? TEST_REGIONS;
  return {
    accountId: "111122223333",
    regions,
    sources: {
      guardduty: sourceStates("ok", regions),
      securityhub: sourceStates("ok", regions),
      cloudtrail: sourceStates("ok", regions),
    },
    controls: [],
    threats: [],
    events: [],
    trails: [],
    detectors: regions.map((region) => makeDetector({ region })),
    hubs: regions.map((region) => makeHub({ region })),
    acceptances: [],
    now: TEST_NOW,
    ...overrides,
  };
}

let sequence = 0;
function nextId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${String(sequence).padStart(4, "0")}`;
}

export function makeControl(overrides: Partial<ControlResult> & Pick<ControlResult, "controlId">): ControlResult {
  return {
    findingId: nextId(`finding-${overrides.controlId}`),
    status: "PASSED",
    resourceType: "AwsAccount",
    resourceId: "AWS::::Account:111122223333",
    region: "us-east-1",
    severityLabel: "MEDIUM",
    ...overrides,
  };
}

export function makeThreat(overrides: Partial<ThreatFinding> = {}): ThreatFinding {
  return {
    findingId: nextId("gd"),
    source: "guardduty",
    type: "UnauthorizedAccess:EC2/SSHBruteForce",
    title: "SSH brute force",
    severity: 8,
    severityLabel: "HIGH",
    region: "us-east-1",
    firstSeenAt: daysAgo(2),
    lastSeenAt: daysAgo(1),
    resourceType: "AwsEc2Instance",
    ...overrides,
  };
}

export function makeEvent(overrides: Partial<SecurityEvent> = {}): SecurityEvent {
  return {
    eventId: nextId("event"),
    eventName: "ConsoleLogin",
    eventSource: "signin.amazonaws.com",
    eventTime: daysAgo(1),
    region: "us-east-1",
    userType: "IAMUser",
    userArn: "arn:aws:iam::111122223333:user/alice",
    errorCode: null,
    mfaUsed: true,
    ...overrides,
  };
}

export function makeTrail(overrides: Partial<TrailInfo> = {}): TrailInfo {
  return {
    name: "org-trail",
    homeRegion: "us-east-1",
    isMultiRegion: true,
    isLogging: true,
    logFileValidation: true,
    kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/abcd",
    cloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:trail",
    ...overrides,
  };
}

export function makeDetector(overrides: Partial<DetectorInfo> = {}): DetectorInfo {
  const region = overrides.region ?? "us-east-1";
  return {
    region,
    detectorId: `detector-${region}`,
    status: "ENABLED",
    features: { S3_DATA_EVENTS: "ENABLED", RDS_LOGIN_EVENTS: "ENABLED" },
    ...overrides,
  };
}

export function makeHub(overrides: Partial<HubInfo> = {}): HubInfo {
  return {
    region: "us-east-1",
    enabled: true,
    standards: ["arn:aws:securityhub:::standards/aws-foundational-security-best-practices/v/1.0.0"],
    ...overrides,
  };
}

export function makeAcceptance(overrides: Partial<RiskAcceptance> & Pick<RiskAcceptance, "itemId">): RiskAcceptance {
  return {
    findingId: null,
    reason: "Compensating control in place",
    owner: "alice@example.com",
    expiresAt: new Date(TEST_NOW.getTime() + 30 * DAY_MS),
    ...overrides,
  };
}

/** An item result for score tests; riskAdjusted mirrors the raw status unless given. */
export function makeItemResult(overrides: Partial<ItemResult> & Pick<ItemResult, "itemId" | "status">): ItemResult {
  const severity = overrides.severity ?? "medium";
  const weights = { critical: 10, high: 6, medium: 3, low: 1 } as const;
  const raw: AdjustedStatus = { status: overrides.status };
  if (overrides.passing !== undefined) raw.passing = overrides.passing;
  if (overrides.total !== undefined) raw.total = overrides.total;
  return {
    domain: "identity_access",
    severity,
    weight: weights[severity],
    reason: "test",
    evidence: [],
    riskAdjusted: raw,
    ...overrides,
  };
}
