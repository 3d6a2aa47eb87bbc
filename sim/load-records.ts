import { readAwsRecordFiles } from "../lib/formats/read-aws-records";
import type { SimClock } from "./clock";
import { stableHex, stableUuid } from "./prng";
import type { CloudTrailEventRecord, GuardDutyFinding, AsffFinding, RegionData } from "./records/region-data";
import type { RecordStore } from "./records/record-store";
import type { SimAccount, SimOrg } from "./types";

/**
 * --load: places recorded GuardDuty findings, ASFF findings and CloudTrail records into the
 * accounts and regions they name, so they come back through the SDK. Unknown accounts are
 * added to the org; problems are reported with file and position and never stop the load.
 */

export interface LoadProblem {
  file: string;
  position: string;
  reason: string;
}

export interface LoadResult {
  loaded: number;
  problems: LoadProblem[];
  addedAccounts: string[];
}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** GuardDuty timestamp members nested in resource/service are epoch seconds on the wire. */
const NESTED_TIMESTAMP_KEYS = new Set([
  "createdAt",
  "startedAt",
  "lastModifiedAt",
  "scanStartedAt",
  "scanCompletedAt",
  "startTime",
  "endTime",
  "modifiedAt",
  "createdTime",
  "firstSeenAt",
  "lastSeenAt",
  "updatedAt",
]);

/** SDK output (PascalCase, ISO dates) -> GuardDuty wire shape (camelCase, epoch seconds for nested timestamps). */
function toGuardDutyWire(value: unknown, depth: number): unknown {
  if (Array.isArray(value)) return value.map((item) => toGuardDutyWire(item, depth + 1));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const camel = /^[A-Z][a-z]/.test(key) || /^[A-Z]+$/.test(key) ? key.charAt(0).toLowerCase() + key.slice(1) : key;
    let converted = toGuardDutyWire(inner, depth + 1);
    if (depth >= 1 && NESTED_TIMESTAMP_KEYS.has(camel) && typeof converted === "string" && !Number.isNaN(Date.parse(converted))) {
      converted = Date.parse(converted) / 1000;
    }
    out[camel] = converted;
  }
  return out;
}

function regionFromArn(arn: unknown): string | null {
  if (typeof arn !== "string") return null;
  const region = arn.split(":")[3];
  return region && REGION.test(region) ? region : null;
}

export async function loadRecords(
  dir: string,
  deps: { store: RecordStore; org: SimOrg; seed: string; clock: SimClock },
  report: (problem: LoadProblem) => void = (p) => process.stderr.write(`parapet sim: --load ${p.file} ${p.position}: ${p.reason}\n`),
): Promise<LoadResult> {
  const result: LoadResult = { loaded: 0, problems: [], addedAccounts: [] };
  const problem = (file: string, position: string, reason: string) => {
    const p = { file, position, reason };
    result.problems.push(p);
    report(p);
  };

  const regionData = (accountId: string, region: string, service: "guardduty" | "securityhub" | "cloudtrail"): RegionData | null => {
    let account = deps.store.account(accountId);
    if (!account) {
      const created: SimAccount = {
        id: accountId,
        name: `loaded-${accountId}`,
        email: `aws+loaded-${accountId}@example.com`,
        roleArn: `arn:aws:iam::${accountId}:role/ParapetReadOnly`,
        externalId: `parapet-${stableHex(`${deps.seed}:external-id:${accountId}`, 24)}`,
        regions: [region],
        posture: "average",
        flaws: [],
        services: { guardduty: false, securityhub: false, cloudtrail: true },
        parentId: deps.org.rootId,
        tags: {},
        origin: "loaded",
      };
      deps.store.addAccount(created);
      result.addedAccounts.push(accountId);
      account = created;
    }
    if (!account.regions.includes(region)) account.regions.push(region);
    if (!deps.org.regions.includes(region)) deps.org.regions.push(region);
    if (service === "guardduty" && !account.services.guardduty && account.origin === "loaded") account.services.guardduty = true;
    if (service === "securityhub" && !account.services.securityhub && account.origin === "loaded") account.services.securityhub = true;
    const data = deps.store.get(accountId, region);
    if (!data) return null;
    // Loaded records prove the service is on in that account-region.
    if (service === "guardduty" && !data.detector) {
      const iso = new Date(deps.clock.startMs).toISOString();
      data.detector = {
        id: stableHex(`${deps.seed}:detector:${accountId}:${region}`, 32),
        createdAt: iso,
        updatedAt: iso,
        status: "ENABLED",
        features: [],
      };
    }
    if (service === "securityhub" && !data.hub) {
      data.hub = {
        hubArn: `arn:aws:securityhub:${region}:${accountId}:hub/default`,
        subscribedAt: new Date(deps.clock.startMs).toISOString(),
        standards: [],
      };
    }
    return data;
  };

  for await (const item of readAwsRecordFiles([dir])) {
    if (item.kind === "problem") {
      problem(item.file, item.position, item.reason);
      continue;
    }
    const record = item.record;
    if (!isObject(record)) {
      problem(item.file, item.position, "record is not a JSON object");
      continue;
    }
    if (item.kind === "guardduty") {
      const wire = toGuardDutyWire(record, 0) as Record<string, unknown>;
      const accountId = String(wire.accountId ?? "");
      const region = typeof wire.region === "string" ? wire.region : regionFromArn(wire.arn);
      if (!ACCOUNT_ID.test(accountId) || !region || typeof wire.id !== "string") {
        problem(item.file, item.position, "GuardDuty finding without a 12-digit accountId, a region or an id");
        continue;
      }
      const data = regionData(accountId, region, "guardduty");
      if (!data) continue;
      data.guardDutyFindings.set(wire.id, wire as GuardDutyFinding);
    } else if (item.kind === "securityhub") {
      const accountId = String(record.AwsAccountId ?? "");
      const region = typeof record.Region === "string" ? record.Region : (regionFromArn(record.ProductArn) ?? regionFromArn(record.Id));
      if (!ACCOUNT_ID.test(accountId) || !region || typeof record.Id !== "string") {
        problem(item.file, item.position, "ASFF finding without a 12-digit AwsAccountId, a Region or an Id");
        continue;
      }
      const data = regionData(accountId, region, "securityhub");
      if (!data) continue;
      data.securityHubFindings.set(record.Id, record as AsffFinding);
    } else {
      const identity = isObject(record.userIdentity) ? record.userIdentity : {};
      const accountId = String(record.recipientAccountId ?? identity.accountId ?? "");
      const region = typeof record.awsRegion === "string" ? record.awsRegion : null;
      const timeMs = typeof record.eventTime === "string" ? Date.parse(record.eventTime) : NaN;
      if (!ACCOUNT_ID.test(accountId) || !region || !REGION.test(region) || Number.isNaN(timeMs) || typeof record.eventName !== "string") {
        problem(
          item.file,
          item.position,
          "CloudTrail record without recipientAccountId/userIdentity.accountId, awsRegion, eventTime or eventName",
        );
        continue;
      }
      const data = regionData(accountId, region, "cloudtrail");
      if (!data) continue;
      const issuer =
        isObject(identity.sessionContext) && isObject(identity.sessionContext.sessionIssuer) ? identity.sessionContext.sessionIssuer : {};
      const username =
        typeof identity.userName === "string"
          ? identity.userName
          : identity.type === "Root"
            ? "root"
            : typeof issuer.userName === "string"
              ? issuer.userName
              : null;
      const eventId = typeof record.eventID === "string" ? record.eventID : stableUuid(JSON.stringify(record));
      const resources = Array.isArray(record.resources)
        ? record.resources.filter(isObject).map((r) => ({ ResourceType: String(r.type ?? ""), ResourceName: String(r.ARN ?? r.arn ?? "") }))
        : [];
      const event: CloudTrailEventRecord = {
        eventId,
        eventName: record.eventName,
        eventSource: String(record.eventSource ?? ""),
        eventTimeMs: timeMs,
        username,
        accessKeyId: typeof identity.accessKeyId === "string" ? identity.accessKeyId : null,
        readOnly: record.readOnly === true || record.readOnly === "true",
        resources,
        record,
        loaded: true,
      };
      const existing = data.events.findIndex((e) => e.eventId === eventId);
      if (existing === -1) data.events.push(event);
      else data.events[existing] = event;
    }
    result.loaded += 1;
  }
  return result;
}
