import { createRng, stableHex, type Rng } from "../prng";
import type { Posture, SimAccount } from "../types";
import { CONTROLS, type ControlDefinition, FSBP, CIS_14 } from "./control-catalogue";
import { backgroundEventSpec, buildEvent, flawEventSpecs } from "./cloudtrail-events";
import { FLAWS_BY_KEY } from "./flaw-catalogue";
import { BACKGROUND_TYPES, buildGuardDutyFinding } from "./guardduty-findings";
import { buildInventory, type Inventory } from "./inventory";
import type { AsffFinding, CloudTrailEventRecord, DetectorState, GuardDutyFinding, HubState, RegionData, TrailState } from "./region-data";
import { buildControlFinding, buildGuardDutyCopy, buildInspectorFinding, CVE_COUNT, type ControlResource } from "./securityhub-findings";

const DAY = 86_400_000;

export interface VolumeOptions {
  /** Extra GuardDuty noise for a neglected account-region; others scale down by posture. */
  findingsPerAccountRegion?: number;
  eventsPerAccountRegion?: number;
}

export interface RegionContext {
  seed: string;
  account: SimAccount;
  region: string;
  startMs: number;
  volume: VolumeOptions;
}

/** Share of the neglected volume each posture gets. */
export const POSTURE_ACTIVITY: Record<Posture, number> = { exemplary: 0.05, good: 0.15, average: 0.35, weak: 0.6, neglected: 1 };

const GUARDDUTY_FEATURES = [
  "CLOUD_TRAIL",
  "DNS_LOGS",
  "FLOW_LOGS",
  "S3_DATA_EVENTS",
  "EKS_AUDIT_LOGS",
  "EBS_MALWARE_PROTECTION",
  "RDS_LOGIN_EVENTS",
  "LAMBDA_NETWORK_LOGS",
  "RUNTIME_MONITORING",
] as const;

export function isHomeRegion(account: SimAccount, region: string): boolean {
  return account.regions[0] === region;
}

/** Flaws that apply in this region (IAM/root flaws only in the home region, "secondary" ones only elsewhere). */
export function flawsInRegion(account: SimAccount, region: string): string[] {
  const home = isHomeRegion(account, region);
  return account.flaws.filter((key) => {
    const scope = FLAWS_BY_KEY.get(key)?.scope ?? "all";
    return scope === "all" || (scope === "home") === home;
  });
}

function resourcesFor(
  control: ControlDefinition,
  accountId: string,
  region: string,
  inv: Inventory,
  trail: TrailState | null,
): ControlResource[] {
  switch (control.resourceKind) {
    case "account":
      return [{ id: `AWS::::Account:${accountId}` }];
    case "iam-user":
      return inv.iamUsers.map((u) => ({ id: `arn:aws:iam::${accountId}:user/${u}`, details: { AwsIamUser: { UserName: u, Path: "/" } } }));
    case "iam-policy":
      return inv.iamPolicies.map((p) => ({ id: `arn:aws:iam::${accountId}:policy/${p}` }));
    case "bucket":
      return inv.buckets.map((b) => ({
        id: `arn:aws:s3:::${b}`,
        details: { AwsS3Bucket: { OwnerId: stableHex(`${accountId}:canonical`, 64), Name: b } },
      }));
    case "security-group":
      return inv.securityGroups.map((g) => ({
        id: `arn:aws:ec2:${region}:${accountId}:security-group/${g.id}`,
        details: { AwsEc2SecurityGroup: { GroupName: g.name, GroupId: g.id, VpcId: g.vpcId, OwnerId: accountId } },
      }));
    case "default-security-group":
      return inv.defaultSecurityGroups.map((g) => ({
        id: `arn:aws:ec2:${region}:${accountId}:security-group/${g.id}`,
        details: { AwsEc2SecurityGroup: { GroupName: "default", GroupId: g.id, VpcId: g.vpcId, OwnerId: accountId } },
      }));
    case "instance":
    case "patch-compliance":
      return inv.instances.map((i) => ({ id: `arn:aws:ec2:${region}:${accountId}:instance/${i.id}` }));
    case "vpc":
      return inv.vpcs.map((v) => ({ id: `arn:aws:ec2:${region}:${accountId}:vpc/${v}` }));
    case "rds":
      return inv.rdsInstances.map((d) => ({ id: `arn:aws:rds:${region}:${accountId}:db:${d}` }));
    case "kms-key":
      return inv.kmsKeys.map((k) => ({ id: `arn:aws:kms:${region}:${accountId}:key/${k}` }));
    case "trail":
      return trail && trail.homeRegion === region ? [{ id: trail.arn }] : [];
    case "web-acl":
      return inv.webAcls.map((a) => ({ id: `arn:aws:wafv2:${region}:${accountId}:regional/webacl/${a}/${stableHex(a, 36)}` }));
    case "recovery-point":
      return inv.recoveryPoints.map((r) => ({ id: `arn:aws:backup:${region}:${accountId}:recovery-point:${r}` }));
  }
}

function pickFailing<T>(rng: Rng, items: readonly T[]): Set<T> {
  if (items.length === 0) return new Set();
  const count = rng.int(1, Math.max(1, Math.ceil(items.length / 2)));
  return new Set(rng.shuffle(items).slice(0, count));
}

function buildDetector(ctx: RegionContext, rng: Rng): DetectorState {
  const { account, region, startMs } = ctx;
  const disabledShare = { exemplary: 0, good: 0.1, average: 0.3, weak: 0.5, neglected: 0.7 }[account.posture];
  return {
    id: stableHex(`${ctx.seed}:detector:${account.id}:${region}`, 32),
    createdAt: new Date(startMs - DAY * rng.int(200, 900)).toISOString(),
    updatedAt: new Date(startMs - DAY * rng.int(1, 60)).toISOString(),
    status: "ENABLED",
    features: GUARDDUTY_FEATURES.map((name, index) => ({
      name,
      // The three foundational sources are always on when a detector exists.
      status: index < 3 || !rng.chance(disabledShare) ? "ENABLED" : "DISABLED",
    })),
  };
}

function buildTrail(ctx: RegionContext, flaws: string[]): TrailState | null {
  const { account } = ctx;
  if (account.flaws.includes("no-trail")) return null;
  const home = account.regions[0] ?? ctx.region;
  const weak = flaws.includes("trail-weak") || account.flaws.includes("trail-weak");
  const stopped = account.flaws.includes("trail-stopped");
  return {
    name: "org-management-events",
    homeRegion: home,
    arn: `arn:aws:cloudtrail:${home}:${account.id}:trail/org-management-events`,
    s3BucketName: `aws-cloudtrail-logs-${account.id}-${stableHex(`${ctx.seed}:${account.id}:trail-bucket`, 8)}`,
    isMultiRegion: true,
    logFileValidation: !weak,
    kmsKeyId: weak
      ? null
      : `arn:aws:kms:${home}:${account.id}:key/${stableHex(`${account.id}:trail-key`, 8)}-1234-4abc-9def-${stableHex(`${account.id}:trail-key2`, 12)}`,
    cloudWatchLogsLogGroupArn: weak ? null : `arn:aws:logs:${home}:${account.id}:log-group:aws-cloudtrail-logs:*`,
    cloudWatchLogsRoleArn: weak ? null : `arn:aws:iam::${account.id}:role/CloudTrail_CloudWatchLogs_Role`,
    isOrganizationTrail: false,
    isLogging: !stopped,
    startLoggingMs: ctx.startMs - DAY * 400,
    stopLoggingMs: stopped ? ctx.startMs - DAY * 9 : null,
  };
}

/** Builds one account-region from the seed. Pure: same inputs give the same records. */
export function generateRegion(ctx: RegionContext): RegionData {
  const { seed, account, region, startMs } = ctx;
  const home = isHomeRegion(account, region);
  const rng = createRng(`${seed}:region:${account.id}:${region}`);
  const inventory = buildInventory(seed, account, region, home);
  const flaws = flawsInRegion(account, region);
  const detector = account.services.guardduty && !flaws.includes("guardduty-off-secondary") ? buildDetector(ctx, rng) : null;
  const hub: HubState | null = account.services.securityhub
    ? {
        hubArn: `arn:aws:securityhub:${region}:${account.id}:hub/default`,
        subscribedAt: new Date(startMs - DAY * rng.int(100, 800)).toISOString(),
        standards: [FSBP, ...(account.posture === "weak" || account.posture === "neglected" ? [] : [CIS_14])].map((s) => ({
          standardsArn: `arn:aws:securityhub:${region}::${s}`,
          subscriptionArn: `arn:aws:securityhub:${region}:${account.id}:subscription/${s.replace(/^standards\//, "")}`,
        })),
      }
    : null;
  if (account.origin === "loaded") {
    // Accounts that exist only because --load named them hold the loaded records and nothing invented.
    return {
      accountId: account.id,
      region,
      isHomeRegion: home,
      inventory,
      detector,
      hub,
      trail: null,
      guardDutyFindings: new Map(),
      securityHubFindings: new Map(),
      events: [],
    };
  }
  const trail = buildTrail(ctx, flaws);

  // Resources picked as flawed are shared across sources: the same instances fail SSM.2,
  // carry Inspector CVEs and are the targets of GuardDuty's crypto-mining findings.
  const unpatched = flaws.includes("unpatched-instances")
    ? pickFailing(rng, inventory.instances)
    : new Set<Inventory["instances"][number]>();

  const guardDutyFindings = new Map<string, GuardDutyFinding>();
  if (detector) {
    const types: string[] = [];
    for (const flawKey of flaws) for (const type of FLAWS_BY_KEY.get(flawKey)?.guardDutyTypes ?? []) types.push(type);
    const factor = POSTURE_ACTIVITY[account.posture];
    const noiseBase = Math.round(factor * 12);
    const noise =
      ctx.volume.findingsPerAccountRegion !== undefined
        ? Math.round(ctx.volume.findingsPerAccountRegion * factor * 0.5)
        : rng.int(0, noiseBase + 1);
    for (let i = 0; i < noise; i += 1) types.push(rng.pick(BACKGROUND_TYPES));
    if (home && account.posture === "neglected" && (flaws.includes("root-access-key") || flaws.includes("console-users-no-mfa"))) {
      types.push("AttackSequence:IAM/CompromisedCredentials");
    }
    const perType = new Map<string, number>();
    for (const type of types) {
      const copies = BACKGROUND_TYPES.includes(type) ? 1 : rng.int(1, 3);
      for (let c = 0; c < copies; c += 1) {
        const ordinal = perType.get(type) ?? 0;
        perType.set(type, ordinal + 1);
        const createdMs = startMs - rng.int(2 * 3600_000, 60 * DAY);
        const updatedMs = Math.min(startMs - 60_000, createdMs + rng.int(0, 20 * DAY));
        const finding = buildGuardDutyFinding({
          seed,
          accountId: account.id,
          region,
          detectorId: detector.id,
          inventory,
          type,
          ordinal,
          createdMs,
          updatedMs,
          count: rng.int(1, 60),
          archived: BACKGROUND_TYPES.includes(type) ? rng.chance(0.4) : rng.chance(0.1),
          rng,
        });
        if (type.includes(":EC2/") && unpatched.size > 0 && type.includes("!DNS")) {
          retarget(finding, rng.pick([...unpatched]).id);
        }
        guardDutyFindings.set(finding.id, finding);
      }
    }
  }

  const securityHubFindings = new Map<string, AsffFinding>();
  if (hub) {
    for (const control of CONTROLS) {
      if (control.isGlobal && !home) continue;
      const resources = resourcesFor(control, account.id, region, inventory, trail);
      if (resources.length === 0) continue;
      const isFlawed = flaws.some((f) => FLAWS_BY_KEY.get(f)?.failingControls.includes(control.id));
      let failing: Set<ControlResource>;
      if (!isFlawed) failing = new Set();
      else if (control.resourceKind === "account") failing = new Set(resources);
      else if (control.resourceKind === "patch-compliance") {
        const ids = new Set([...unpatched].map((i) => `arn:aws:ec2:${region}:${account.id}:instance/${i.id}`));
        failing = new Set(resources.filter((r) => ids.has(r.id)));
      } else failing = pickFailing(rng, resources);
      for (const resource of resources) {
        const createdMs = startMs - rng.int(30 * DAY, 300 * DAY);
        const updatedMs = startMs - rng.int(10 * 60_000, 2 * DAY);
        const finding = buildControlFinding({
          seed,
          accountId: account.id,
          region,
          control,
          resource,
          status: failing.has(resource) ? "FAILED" : "PASSED",
          createdMs,
          updatedMs,
        });
        securityHubFindings.set(finding.Id, finding);
      }
    }
    for (const gd of guardDutyFindings.values()) {
      const copy = buildGuardDutyCopy(gd);
      securityHubFindings.set(copy.Id, copy);
    }
    for (const instance of unpatched) {
      const cves = rng.shuffle(Array.from({ length: CVE_COUNT }, (_, i) => i)).slice(0, rng.int(2, 4));
      for (const cveIndex of cves) {
        const createdMs = startMs - rng.int(3 * DAY, 80 * DAY);
        const finding = buildInspectorFinding({
          seed,
          accountId: account.id,
          region,
          instance,
          cveIndex,
          createdMs,
          updatedMs: Math.min(startMs - 60_000, createdMs + rng.int(0, 3 * DAY)),
        });
        securityHubFindings.set(finding.Id, finding);
      }
    }
  }

  const events: CloudTrailEventRecord[] = [];
  const mfaForUsers = !flaws.includes("console-users-no-mfa");
  const baseCount = ctx.volume.eventsPerAccountRegion ?? 150;
  const eventCount = Math.max(1, Math.round(baseCount * (0.8 + rng.next() * 0.4)));
  for (let i = 0; i < eventCount; i += 1) {
    // Skewed towards recent days, like real activity that grew over the 90-day window.
    const ageMs = Math.pow(rng.next(), 1.6) * 89 * DAY + 60_000;
    const spec = backgroundEventSpec(rng, inventory, home, { mfaForUsers });
    events.push(buildEvent({ seed, accountId: account.id, region, spec, timeMs: startMs - ageMs, key: `bg:${i}`, rng }));
  }
  for (const flawKey of flaws) {
    const specs = flawEventSpecs(flawKey, account.id, region, inventory, rng);
    specs.forEach((spec, index) => {
      const repeats = rng.int(1, 2);
      for (let r = 0; r < repeats; r += 1) {
        const timeMs = startMs - rng.int(2 * DAY, 40 * DAY);
        events.push(buildEvent({ seed, accountId: account.id, region, spec, timeMs, key: `flaw:${flawKey}:${index}:${r}`, rng }));
      }
    });
  }

  return {
    accountId: account.id,
    region,
    isHomeRegion: home,
    inventory,
    detector,
    hub,
    trail,
    guardDutyFindings,
    securityHubFindings,
    events,
  };
}

/** Points an EC2 finding at a specific instance (keeps ids consistent across sources). */
function retarget(finding: GuardDutyFinding, instanceId: string): void {
  const details = finding.resource.instanceDetails as Record<string, unknown> | undefined;
  if (!details) return;
  const previous = String(details.instanceId);
  details.instanceId = instanceId;
  finding.title = finding.title.replace(previous, instanceId);
  finding.description = finding.description.replace(previous, instanceId);
}
