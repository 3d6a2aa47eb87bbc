import type { GuardDutyFinding, RegionData } from "../records/region-data";
import { cachedQuery, decodeToken, page, parseJsonBody, visibleRegions, type HandlerResult, type RequestContext } from "./request-context";
import { SimError } from "./sim-error";

/** GuardDuty over rest-json; members go on the wire in camelCase, as the model's locationName says. */

export function guardDutyOperation(method: string, path: string): { operation: string; detectorId?: string } {
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== "detector") return { operation: "" };
  if (parts.length === 1 && method === "GET") return { operation: "ListDetectors" };
  if (parts.length === 2 && method === "GET") return { operation: "GetDetector", detectorId: parts[1] };
  if (parts.length === 3 && parts[2] === "findings" && method === "POST") return { operation: "ListFindings", detectorId: parts[1] };
  if (parts.length === 4 && parts[2] === "findings" && parts[3] === "get" && method === "POST")
    return { operation: "GetFindings", detectorId: parts[1] };
  return { operation: "" };
}

const badRequest = (message: string) => new SimError("BadRequestException", 400, message);

function ownDetector(ctx: RequestContext, detectorId: string | undefined): RegionData {
  const data = ctx.serviceDisabled ? null : ctx.state.store.get(ctx.principal.accountId, ctx.region);
  if (!data?.detector || data.detector.id !== detectorId) {
    throw badRequest("The request is rejected because the input detectorId is not owned by the current account.");
  }
  return data;
}

function readPath(finding: GuardDutyFinding, path: string): unknown[] {
  let current: unknown[] = [finding];
  for (const segment of path.split(".")) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || value === undefined) continue;
      const inner = (value as Record<string, unknown>)[segment];
      if (Array.isArray(inner)) next.push(...inner);
      else if (inner !== undefined) next.push(inner);
    }
    current = next;
  }
  return current;
}

const DATE_FIELDS = new Set(["updatedAt", "createdAt", "service.eventFirstSeen", "service.eventLastSeen"]);

function asComparable(path: string, value: unknown): number | string {
  if (DATE_FIELDS.has(path) && typeof value === "string") return Date.parse(value);
  if (typeof value === "number") return value;
  return String(value);
}

function globMatch(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return regex.test(value);
}

function matchesCondition(finding: GuardDutyFinding, path: string, condition: Record<string, unknown>): boolean {
  const values = readPath(finding, path).map((v) => asComparable(path, v));
  const strings = values.map((v) => String(v));
  const list = (key: string) => (Array.isArray(condition[key]) ? (condition[key] as unknown[]).map(String) : null);
  const eq = list("eq") ?? list("equals");
  if (eq && !strings.some((s) => eq.includes(s))) return false;
  const neq = list("neq") ?? list("notEquals");
  if (neq && strings.some((s) => neq.includes(s))) return false;
  const matches = list("matches");
  if (matches && !strings.some((s) => matches.some((m) => globMatch(m, s)))) return false;
  const notMatches = list("notMatches");
  if (notMatches && strings.some((s) => notMatches.some((m) => globMatch(m, s)))) return false;
  const numeric = (key: string): number | null => (typeof condition[key] === "number" ? (condition[key] as number) : null);
  const checks: Array<[number | null, (v: number, bound: number) => boolean]> = [
    [numeric("gt") ?? numeric("greaterThan"), (v, b) => v > b],
    [numeric("gte") ?? numeric("greaterThanOrEqual"), (v, b) => v >= b],
    [numeric("lt") ?? numeric("lessThan"), (v, b) => v < b],
    [numeric("lte") ?? numeric("lessThanOrEqual"), (v, b) => v <= b],
  ];
  for (const [bound, test] of checks) {
    if (bound === null) continue;
    const nums = values.filter((v): v is number => typeof v === "number" && !Number.isNaN(v));
    if (!nums.some((v) => test(v, bound))) return false;
  }
  return true;
}

function sortFindings(findings: GuardDutyFinding[], sort: unknown): GuardDutyFinding[] {
  const criteria = (sort ?? {}) as { attributeName?: unknown; orderBy?: unknown };
  if (typeof criteria.attributeName !== "string") return findings;
  const path = criteria.attributeName;
  const direction = criteria.orderBy === "DESC" ? -1 : 1;
  const keyed = findings.map((f) => {
    const value = readPath(f, path)[0];
    return { f, key: value === undefined ? "" : asComparable(path, value) };
  });
  keyed.sort((a, b) => {
    if (a.key < b.key) return -direction;
    if (a.key > b.key) return direction;
    return a.f.id < b.f.id ? -1 : a.f.id > b.f.id ? 1 : 0;
  });
  return keyed.map((entry) => entry.f);
}

function allFindings(ctx: RequestContext): GuardDutyFinding[] {
  return visibleRegions(ctx, "guardduty", { allRegions: false }).flatMap((d) => [...d.guardDutyFindings.values()]);
}

export async function handleGuardDuty(ctx: RequestContext): Promise<HandlerResult> {
  const { operation, detectorId } = guardDutyOperation(ctx.method, ctx.path);
  switch (operation) {
    case "ListDetectors": {
      const maxRaw = ctx.query.get("maxResults");
      const maxResults = maxRaw === null ? 50 : Number(maxRaw);
      if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50)
        throw badRequest("The request is rejected because the maxResults value is out of range (1-50).");
      const data = ctx.serviceDisabled ? null : ctx.state.store.get(ctx.principal.accountId, ctx.region);
      return { kind: "json", body: { detectorIds: data?.detector ? [data.detector.id] : [] } };
    }
    case "GetDetector": {
      const data = ownDetector(ctx, detectorId);
      const detector = data.detector!;
      const feature = (name: string) => detector.features.find((f) => f.name === name)?.status ?? "DISABLED";
      const updatedSeconds = Date.parse(detector.updatedAt) / 1000;
      return {
        kind: "json",
        body: {
          createdAt: detector.createdAt,
          findingPublishingFrequency: "SIX_HOURS",
          serviceRole: `arn:aws:iam::${data.accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
          status: detector.status,
          updatedAt: detector.updatedAt,
          dataSources: {
            cloudTrail: { status: feature("CLOUD_TRAIL") },
            dnsLogs: { status: feature("DNS_LOGS") },
            flowLogs: { status: feature("FLOW_LOGS") },
            s3Logs: { status: feature("S3_DATA_EVENTS") },
            kubernetes: { auditLogs: { status: feature("EKS_AUDIT_LOGS") } },
            malwareProtection: {
              scanEc2InstanceWithFindings: { ebsVolumes: { status: feature("EBS_MALWARE_PROTECTION") } },
              serviceRole: `arn:aws:iam::${data.accountId}:role/aws-service-role/malware-protection.guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDutyMalwareProtection`,
            },
          },
          tags: {},
          features: detector.features.map((f) => ({ name: f.name, status: f.status, updatedAt: updatedSeconds })),
        },
      };
    }
    case "ListFindings": {
      ownDetector(ctx, detectorId);
      const body = parseJsonBody(ctx, "BadRequestException");
      const maxResults = body.maxResults === undefined ? 50 : Number(body.maxResults);
      if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50)
        throw badRequest("The request is rejected because the maxResults value is out of range (1-50).");
      const criterion = ((body.findingCriteria as { criterion?: unknown } | undefined)?.criterion ?? {}) as Record<string, unknown>;
      if (typeof criterion !== "object" || Array.isArray(criterion))
        throw badRequest("The request is rejected because findingCriteria is invalid.");
      const fingerprint = JSON.stringify([criterion, body.sortCriteria ?? null]);
      const offset = decodeToken(body.nextToken, fingerprint, () =>
        badRequest("The request is rejected because the nextToken is invalid."),
      );
      const sorted = cachedQuery(ctx, fingerprint, () =>
        sortFindings(
          allFindings(ctx).filter((f) =>
            Object.entries(criterion).every(([path, condition]) => matchesCondition(f, path, (condition ?? {}) as Record<string, unknown>)),
          ),
          body.sortCriteria,
        ),
      );
      const { items, nextToken } = page(sorted, offset, maxResults, fingerprint);
      return { kind: "json", body: { findingIds: items.map((f) => f.id), nextToken: nextToken ?? "" } };
    }
    case "GetFindings": {
      ownDetector(ctx, detectorId);
      const body = parseJsonBody(ctx, "BadRequestException");
      const ids = body.findingIds;
      if (!Array.isArray(ids)) throw badRequest("The request is rejected because findingIds is required.");
      if (ids.length > 50) throw badRequest("The request is rejected because the number of findingIds exceeds the maximum of 50.");
      const byId = new Map(allFindings(ctx).map((f) => [f.id, f]));
      const found = ids.map((id) => byId.get(String(id))).filter((f): f is GuardDutyFinding => f !== undefined);
      return { kind: "json", body: { findings: sortFindings(found, body.sortCriteria) } };
    }
    default:
      throw new SimError("BadRequestException", 404, `No GuardDuty operation at ${ctx.method} ${ctx.path}.`);
  }
}
