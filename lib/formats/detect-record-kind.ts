/**
 * Which of the three record kinds Parapet ingests a JSON value is, judged only by the
 * fields AWS always sends. Container shapes (`{Findings:[...]}`, EventBridge envelopes, ...)
 * are not records; `readAwsRecordFiles` unwraps those before asking.
 */
export type AwsRecordKind = "guardduty" | "securityhub" | "cloudtrail" | "lookup-event";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function has(record: Record<string, unknown>, ...names: string[]): boolean {
  return names.some((name) => record[name] !== undefined && record[name] !== null);
}

export function detectRecordKind(value: unknown): AwsRecordKind | null {
  if (!isObject(value)) return null;

  // ASFF first: a Security Hub copy of a GuardDuty finding also has Types/Id, but never a
  // GuardDuty `Service` block, and it always names its ProductArn.
  if (has(value, "ProductArn") && has(value, "SchemaVersion") && has(value, "AwsAccountId", "Id")) {
    return "securityhub";
  }

  // GuardDuty: SDK output is PascalCase, the wire/EventBridge `detail` is camelCase.
  const isPascalGuardDuty =
    has(value, "Type") && has(value, "Service") && has(value, "SchemaVersion") && has(value, "Id", "AccountId");
  const isCamelGuardDuty =
    has(value, "type") && has(value, "service") && has(value, "schemaVersion") && has(value, "id", "accountId");
  if (isPascalGuardDuty || isCamelGuardDuty) return "guardduty";

  // CloudTrail record. Hand-trimmed copies (rule-test logs, docs) often drop eventVersion or
  // eventID; still call them CloudTrail so the normaliser can name the missing field
  // instead of reporting "unknown shape".
  if (has(value, "eventVersion") && has(value, "eventID", "eventName")) return "cloudtrail";
  if (has(value, "eventName") && has(value, "eventSource") && has(value, "eventTime", "awsRegion", "eventID")) {
    return "cloudtrail";
  }

  // LookupEvents `Events[]` item: the full record is a JSON string in CloudTrailEvent.
  if (typeof value.CloudTrailEvent === "string") return "lookup-event";

  return null;
}
