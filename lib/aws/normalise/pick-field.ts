/**
 * Reads a field whatever its case: GuardDuty SDK output and exports use PascalCase
 * (`Service.EventFirstSeen`, `S3BucketDetails`), the wire format and EventBridge use
 * camelCase (`service.eventFirstSeen`, `s3BucketDetails`, `ecsClusterDetails` for
 * `EcsClusterDetails`). Comparing case-insensitively covers every such pair without a table.
 * An exact match wins; null/undefined input or a non-object gives undefined.
 */
export function pickField(value: unknown, name: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (record[name] !== undefined) return record[name];
  const wanted = name.toLowerCase();
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() === wanted) return record[key];
  }
  return undefined;
}
