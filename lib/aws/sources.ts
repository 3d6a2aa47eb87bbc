/**
 * The evidence sources Parapet collects and imports, each defined once. Every per-source
 * structure elsewhere is keyed by `Source` (a `Record<Source, ...>` or an exhaustive
 * switch), so adding a source here makes `tsc` list every place still to write
 * (ARCHITECTURE.md, "Where does new code go?"). Pure data and pure functions: the checklist,
 * the import reader and console pages read it too; the SDK side of collection is in
 * lib/collect/collect-account.ts (`SOURCE_COLLECTORS`).
 */
import { normaliseAsffFinding } from "@/lib/aws/normalise/normalise-asff-finding";
import { normaliseCloudTrailEvent } from "@/lib/aws/normalise/normalise-cloudtrail-event";
import { normaliseGuardDutyFinding } from "@/lib/aws/normalise/normalise-guardduty-finding";
import type { NormalisedEvent, NormalisedFinding, NormaliseResult } from "@/lib/aws/normalise/types";

/** Collection order (steps of a run are created in this order). */
export const SOURCES = ["guardduty", "securityhub", "cloudtrail"] as const;
export type Source = (typeof SOURCES)[number];

/** The sources whose records are findings (the rest produce CloudTrail-style events). */
export const FINDING_SOURCES = ["guardduty", "securityhub"] as const satisfies readonly Source[];
export type FindingSource = (typeof FINDING_SOURCES)[number];

export interface RateLimit {
  perSecond: number;
  burst: number;
}

interface SourceBase {
  /** How the console names it. */
  label: string;
  /** How `parapet import` names what it stored of it. */
  importLabel: string;
  /**
   * Client-side request rates by API operation ("*" = every other one), at the quotas AWS
   * documents (../shared/aws/API_FACTS.md); the SDK service name is the source name.
   */
  rateLimits: Record<string, RateLimit>;
  /** Whether a parsed JSON object is one of this source's records, judged only by the fields AWS always sends. */
  isRecord: (value: Record<string, unknown>) => boolean;
}

export type SourceDefinition =
  | (SourceBase & { records: "findings"; normalise: (record: unknown) => NormaliseResult<NormalisedFinding> })
  | (SourceBase & { records: "events"; normalise: (record: unknown) => NormaliseResult<NormalisedEvent> });

function has(record: Record<string, unknown>, ...names: string[]): boolean {
  return names.some((name) => record[name] !== undefined && record[name] !== null);
}

export const SOURCE_DEFINITIONS = {
  guardduty: {
    label: "GuardDuty",
    importLabel: "GuardDuty findings",
    records: "findings",
    normalise: normaliseGuardDutyFinding,
    // GuardDuty publishes no TPS quota: 10/s burst 20 is our choice, the same as the simulator's.
    rateLimits: { "*": { perSecond: 10, burst: 19 } },
    // SDK output is PascalCase, the wire/EventBridge `detail` is camelCase.
    isRecord: (value) =>
      (has(value, "Type") && has(value, "Service") && has(value, "SchemaVersion") && has(value, "Id", "AccountId")) ||
      (has(value, "type") && has(value, "service") && has(value, "schemaVersion") && has(value, "id", "accountId")),
  },
  securityhub: {
    label: "Security Hub",
    importLabel: "Security Hub findings",
    records: "findings",
    normalise: normaliseAsffFinding,
    rateLimits: { GetFindings: { perSecond: 3, burst: 5 }, "*": { perSecond: 10, burst: 29 } },
    isRecord: (value) => has(value, "ProductArn") && has(value, "SchemaVersion") && has(value, "AwsAccountId", "Id"),
  },
  cloudtrail: {
    label: "CloudTrail",
    importLabel: "CloudTrail events",
    records: "events",
    normalise: normaliseCloudTrailEvent,
    rateLimits: { LookupEvents: { perSecond: 2, burst: 1 }, "*": { perSecond: 10, burst: 9 } },
    // Hand-trimmed copies (rule-test logs, docs) often drop eventVersion or eventID; still call
    // them CloudTrail so the normaliser can name the missing field instead of "unknown shape".
    isRecord: (value) =>
      (has(value, "eventVersion") && has(value, "eventID", "eventName")) ||
      (has(value, "eventName") && has(value, "eventSource") && has(value, "eventTime", "awsRegion", "eventID")),
  },
} as const satisfies Record<Source, SourceDefinition>;

/**
 * The order records are recognised in. ASFF first: a Security Hub copy of a GuardDuty
 * finding also has Types/Id, but never a GuardDuty `Service` block, and it always names its
 * ProductArn. Must name every source (checked below).
 */
export const DETECTION_ORDER = ["securityhub", "guardduty", "cloudtrail"] as const satisfies readonly Source[];
// Fails to compile when a source is missing from DETECTION_ORDER.
const detectsEverySource: Exclude<Source, (typeof DETECTION_ORDER)[number]> extends never ? true : false = true;
void detectsEverySource;

/** A value for every source, in SOURCES order (for per-source counters and lookups). */
export function perSource<T>(make: (source: Source) => T): Record<Source, T> {
  return Object.fromEntries(SOURCES.map((source) => [source, make(source)])) as Record<Source, T>;
}

export function isSource(value: string): value is Source {
  return (SOURCES as readonly string[]).includes(value);
}

/** Console name of a stored source value (a step or cursor row), the raw value when unknown. */
export function sourceLabel(value: string): string {
  return isSource(value) ? SOURCE_DEFINITIONS[value].label : value;
}
