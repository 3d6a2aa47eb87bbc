import { z } from "zod";

import { ZRecordAccountId } from "@/lib/aws/account-id";

import { describeValidationError } from "./describe-validation-error";
import { ZAwsTimestamp } from "./parse-aws-timestamp";
import { pickField } from "./pick-field";
import { readArnParts } from "./read-arn-parts";
import { labelGuardDutySeverity, scaleGuardDutySeverity } from "./severity";
import type { NormalisedFinding, NormaliseResult } from "./types";

const ZNumberLike = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);
const ZBooleanLike = z.union([z.boolean(), z.enum(["true", "false"]).transform((text) => text === "true")]);

/**
 * The fields Parapet reads, under their SDK (PascalCase) names; `readView` fills them from
 * either casing so one schema validates both, and a failure names the field as AWS documents it.
 */
const ZGuardDutyView = z.object({
  Id: z.string().min(1),
  AccountId: ZRecordAccountId,
  Region: z.string().min(1),
  Type: z.string().min(1),
  Title: z.string().nullish(),
  Description: z.string().nullish(),
  Severity: ZNumberLike.pipe(z.number().min(0, "expected a number from 0 to 10").max(10, "expected a number from 0 to 10")),
  CreatedAt: ZAwsTimestamp,
  UpdatedAt: ZAwsTimestamp,
  Service: z.object({
    Archived: ZBooleanLike.nullish(),
    EventFirstSeen: ZAwsTimestamp.nullish(),
    EventLastSeen: ZAwsTimestamp.nullish(),
  }),
});

type ResourceIdReader = (resource: unknown) => unknown;

const details = (resource: unknown, block: string, ...fields: string[]): unknown => {
  let value = pickField(resource, block);
  if (Array.isArray(value)) value = value[0];
  for (const field of fields) {
    const found = pickField(value, field);
    if (typeof found === "string" && found !== "") return found;
  }
  return undefined;
};

/**
 * Where each Resource.ResourceType keeps the identifier a person would look for. Ordered: when
 * the type is unknown or its block is empty, the first block that yields an id wins.
 */
const RESOURCE_ID_READERS: ReadonlyArray<[string, ResourceIdReader]> = [
  ["Instance", (resource) => details(resource, "InstanceDetails", "InstanceId")],
  ["AccessKey", (resource) => details(resource, "AccessKeyDetails", "AccessKeyId", "UserName", "PrincipalId")],
  ["S3Bucket", (resource) => details(resource, "S3BucketDetails", "Name", "Arn")],
  ["EKSCluster", (resource) => details(resource, "EksClusterDetails", "Name", "Arn")],
  ["ECSCluster", (resource) => details(resource, "EcsClusterDetails", "Name", "Arn")],
  ["Container", (resource) => details(resource, "ContainerDetails", "Name", "Id")],
  ["RDSDBInstance", (resource) => details(resource, "RdsDbInstanceDetails", "DbInstanceIdentifier", "DbClusterIdentifier")],
  ["RDSLimitlessDB", (resource) => details(resource, "RdsLimitlessDbDetails", "DbShardGroupIdentifier", "DbClusterIdentifier")],
  ["Lambda", (resource) => details(resource, "LambdaDetails", "FunctionName", "FunctionArn")],
  ["EBSVolume", (resource) => details(pickField(resource, "EbsVolumeDetails"), "ScannedVolumeDetails", "VolumeArn")],
];

function readResourceId(resource: unknown, resourceType: string | null): string | null {
  const own = RESOURCE_ID_READERS.find(([type]) => type.toLowerCase() === resourceType?.toLowerCase());
  const readers = own ? [own, ...RESOURCE_ID_READERS.filter((entry) => entry !== own)] : RESOURCE_ID_READERS;
  for (const [, read] of readers) {
    const id = read(resource);
    if (typeof id === "string") return id;
  }
  return null;
}

function readView(record: unknown) {
  const arnParts = readArnParts(pickField(record, "Arn"));
  const service = pickField(record, "Service");
  return {
    Id: pickField(record, "Id"),
    AccountId: pickField(record, "AccountId") ?? arnParts.accountId ?? undefined,
    Region: pickField(record, "Region") ?? arnParts.region ?? undefined,
    Type: pickField(record, "Type"),
    Title: pickField(record, "Title"),
    Description: pickField(record, "Description"),
    Severity: pickField(record, "Severity"),
    CreatedAt: pickField(record, "CreatedAt"),
    UpdatedAt: pickField(record, "UpdatedAt"),
    Service:
      service === undefined
        ? undefined
        : {
            Archived: pickField(service, "Archived"),
            EventFirstSeen: pickField(service, "EventFirstSeen") ?? undefined,
            EventLastSeen: pickField(service, "EventLastSeen") ?? undefined,
          },
  };
}

/**
 * A GuardDuty finding as GetFindings returns it (SDK PascalCase or wire camelCase, also the
 * `detail` of a "GuardDuty Finding" EventBridge event) into Parapet's finding model.
 * Severity 0-10 becomes 0-100 (x10, one decimal); the label follows GuardDuty's own bands
 * (see `labelGuardDutySeverity` for the 3.95-style edge cases). `raw` is the record exactly
 * as given, keys untouched, so what AWS sent can always be shown.
 */
export function normaliseGuardDutyFinding(record: unknown): NormaliseResult<NormalisedFinding> {
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    return { ok: false, reason: "not a GuardDuty finding: expected an object" };
  }
  const parsed = ZGuardDutyView.safeParse(readView(record));
  if (!parsed.success) return { ok: false, reason: describeValidationError(parsed.error) };
  const finding = parsed.data;

  const resource = pickField(record, "Resource");
  const resourceTypeValue = pickField(resource, "ResourceType");
  const resourceType = typeof resourceTypeValue === "string" && resourceTypeValue !== "" ? resourceTypeValue : null;
  const isArchived = finding.Service.Archived === true;

  return {
    ok: true,
    value: {
      source: "guardduty",
      sourceId: finding.Id,
      accountId: finding.AccountId,
      region: finding.Region,
      type: finding.Type,
      title: finding.Title ?? finding.Type,
      description: finding.Description ?? null,
      severity: scaleGuardDutySeverity(finding.Severity),
      severityLabel: labelGuardDutySeverity(finding.Severity),
      status: isArchived ? "archived" : "active",
      workflowStatus: null,
      recordState: isArchived ? "ARCHIVED" : "ACTIVE",
      complianceStatus: null,
      controlId: null,
      productName: "GuardDuty",
      resourceType,
      resourceId: readResourceId(resource, resourceType),
      firstSeenAt: finding.Service.EventFirstSeen ?? finding.CreatedAt,
      lastSeenAt: finding.Service.EventLastSeen ?? finding.UpdatedAt,
      updatedAt: finding.UpdatedAt,
      linkedGuardDutyId: null,
      raw: record,
    },
  };
}
