import { DETECTION_ORDER, type Source, SOURCE_DEFINITIONS } from "@/lib/aws/sources";

/**
 * Which of the record kinds Parapet ingests a JSON value is, judged only by the fields AWS
 * always sends (each source's `isRecord` in lib/aws/sources.ts). Container shapes
 * (`{Findings:[...]}`, EventBridge envelopes, ...) are not records; `readAwsRecordFiles`
 * unwraps those before asking.
 */
export type AwsRecordKind = Source | "lookup-event";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function detectRecordKind(value: unknown): AwsRecordKind | null {
  if (!isObject(value)) return null;

  const source = DETECTION_ORDER.find((candidate) => SOURCE_DEFINITIONS[candidate].isRecord(value));
  if (source) return source;

  // LookupEvents `Events[]` item: the full record is a JSON string in CloudTrailEvent.
  if (typeof value.CloudTrailEvent === "string") return "lookup-event";

  return null;
}
