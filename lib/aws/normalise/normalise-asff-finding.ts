import { z } from "zod";

import { ZRecordAccountId } from "@/lib/aws/account-id";

import { describeValidationError } from "./describe-validation-error";
import { mapLegacyControlId } from "./map-legacy-control-id";
import { ZAwsTimestamp } from "./parse-aws-timestamp";
import { readArnParts } from "./read-arn-parts";
import { labelNormalisedSeverity, scaleGuardDutySeverity, scoreSeverityLabel } from "./severity";
import { type FindingStatus, type NormalisedFinding, type NormaliseResult, SEVERITY_LABELS, type SeverityLabel } from "./types";

const ZSeverity = z
  .object({
    Label: z.enum(SEVERITY_LABELS).nullish(),
    Normalized: z.number().min(0).max(100).nullish(),
    Product: z.number().nullish(),
  })
  .nullish();

/** Only the members Parapet reads; everything else stays in `raw`. Required ones are ASFF-required. */
const ZAsffFinding = z.object({
  SchemaVersion: z.string().min(1),
  Id: z.string().min(1),
  ProductArn: z.string().min(1),
  AwsAccountId: ZRecordAccountId,
  Region: z.string().min(1).nullish(),
  GeneratorId: z.string().nullish(),
  Types: z.array(z.string()).nullish(),
  Title: z.string(),
  Description: z.string().nullish(),
  CreatedAt: ZAwsTimestamp,
  UpdatedAt: ZAwsTimestamp,
  FirstObservedAt: ZAwsTimestamp.nullish(),
  LastObservedAt: ZAwsTimestamp.nullish(),
  Severity: ZSeverity,
  FindingProviderFields: z.object({ Severity: ZSeverity }).partial().nullish(),
  ProductName: z.string().nullish(),
  ProductFields: z.record(z.string(), z.unknown()).nullish(),
  Workflow: z.object({ Status: z.string().nullish() }).nullish(),
  WorkflowState: z.string().nullish(),
  RecordState: z.string().nullish(),
  Compliance: z.object({ Status: z.string().nullish(), SecurityControlId: z.string().nullish() }).nullish(),
  Resources: z.array(z.object({ Type: z.string().nullish(), Id: z.string().nullish() })).nullish(),
  SourceUrl: z.string().nullish(),
});

type AsffFinding = z.infer<typeof ZAsffFinding>;

function productField(finding: AsffFinding, name: string): string | null {
  const value = finding.ProductFields?.[name];
  return typeof value === "string" && value !== "" ? value : null;
}

function isGuardDutyCopy(finding: AsffFinding): boolean {
  return finding.ProductName === "GuardDuty" || finding.ProductArn.includes("/guardduty");
}

/**
 * Score and label. Severity.Normalized is deprecated but still what Security Hub fills in for
 * every finding; a Label-only finding gets the value Security Hub would have given it; a
 * Product-only finding is on the provider's own scale (GuardDuty's 0-10, else taken as 0-100).
 * FindingProviderFields.Severity is the provider's original when the top-level one is absent.
 */
function readSeverity(finding: AsffFinding): { severity: number; severityLabel: SeverityLabel } | null {
  const severity = finding.Severity ?? finding.FindingProviderFields?.Severity ?? null;
  const label = severity?.Label ?? null;
  const normalized = severity?.Normalized ?? null;
  if (normalized !== null) return { severity: normalized, severityLabel: label ?? labelNormalisedSeverity(normalized) };
  if (label !== null) return { severity: scoreSeverityLabel(label), severityLabel: label };
  const product = severity?.Product ?? null;
  if (product === null) return null;
  const score = isGuardDutyCopy(finding) && product <= 10 ? scaleGuardDutySeverity(product) : Math.min(Math.max(product, 0), 100);
  return { severity: score, severityLabel: labelNormalisedSeverity(score) };
}

/**
 * Closed states first: an archived record is gone whatever its workflow says. A PASSED control
 * finding counts as resolved because it records a check that is satisfied, not an open problem;
 * Security Hub leaves its Workflow at NEW, so reading only Workflow would show every passing
 * control as something to fix.
 */
function readStatus(finding: AsffFinding): FindingStatus {
  if (finding.RecordState?.toUpperCase() === "ARCHIVED") return "archived";
  const workflow = (finding.Workflow?.Status ?? finding.WorkflowState ?? "").toUpperCase();
  if (workflow === "RESOLVED") return "resolved";
  if (workflow === "SUPPRESSED") return "suppressed";
  if (finding.Compliance?.Status?.toUpperCase() === "PASSED") return "resolved";
  return "active";
}

/** Consolidated id (IAM.6) when present; otherwise derived from the per-standard fields. */
function readControlId(finding: AsffFinding): string | null {
  const consolidated = finding.Compliance?.SecurityControlId;
  if (consolidated) return consolidated;
  // Only Security Hub's own control findings carry standard control ids; third-party
  // GeneratorIds (Prowler, Inspector, GuardDuty copies) must not be read as one.
  if (!finding.ProductArn.includes("product/aws/securityhub")) return null;
  return mapLegacyControlId({
    controlId: productField(finding, "ControlId"),
    ruleId: productField(finding, "RuleId"),
    standardsArn: productField(finding, "StandardsArn") ?? productField(finding, "StandardsGuideArn"),
    generatorId: finding.GeneratorId ?? null,
  });
}

const GUARDDUTY_FINDING_ID = /\/finding\/([^/]+)$/;

/** The GuardDuty finding id a Security Hub copy re-publishes, so the pair can be counted once. */
function readLinkedGuardDutyId(finding: AsffFinding): string | null {
  if (!isGuardDutyCopy(finding)) return null;
  for (const candidate of [finding.Id, productField(finding, "aws/securityhub/FindingId")]) {
    const match = candidate ? GUARDDUTY_FINDING_ID.exec(candidate) : null;
    if (match?.[1]) return match[1];
  }
  const fromConsoleUrl = finding.SourceUrl ? /[?&#]fId=([^&#]+)/.exec(finding.SourceUrl) : null;
  return fromConsoleUrl?.[1] ?? null;
}

/**
 * An AWS Security Finding Format record (Security Hub GetFindings item, EventBridge
 * `detail.findings[]`, or an exported finding) into Parapet's finding model.
 * Region falls back to the one named in ProductArn/Id for findings written before ASFF had
 * a Region member. Type is Types[0], else GeneratorId.
 */
export function normaliseAsffFinding(record: unknown): NormaliseResult<NormalisedFinding> {
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    return { ok: false, reason: "not an ASFF finding: expected an object" };
  }
  const parsed = ZAsffFinding.safeParse(record);
  if (!parsed.success) return { ok: false, reason: describeValidationError(parsed.error) };
  const finding = parsed.data;

  const region = finding.Region ?? readArnParts(finding.ProductArn).region ?? readArnParts(finding.Id).region;
  if (!region) return { ok: false, reason: "missing Region (and none in ProductArn or Id)" };
  const type = finding.Types?.[0] ?? finding.GeneratorId;
  if (!type) return { ok: false, reason: "missing Types (and GeneratorId)" };
  const severity = readSeverity(finding);
  if (!severity) return { ok: false, reason: "missing Severity (Label, Normalized or Product)" };
  const resource = finding.Resources?.[0];

  return {
    ok: true,
    value: {
      source: "securityhub",
      sourceId: finding.Id,
      accountId: finding.AwsAccountId,
      region,
      type,
      title: finding.Title,
      description: finding.Description ?? null,
      severity: severity.severity,
      severityLabel: severity.severityLabel,
      status: readStatus(finding),
      workflowStatus: finding.Workflow?.Status ?? null,
      recordState: finding.RecordState ?? null,
      complianceStatus: finding.Compliance?.Status ?? null,
      controlId: readControlId(finding),
      productName: finding.ProductName ?? productField(finding, "aws/securityhub/ProductName"),
      resourceType: resource?.Type ?? null,
      resourceId: resource?.Id ?? null,
      firstSeenAt: finding.FirstObservedAt ?? finding.CreatedAt,
      lastSeenAt: finding.LastObservedAt ?? finding.UpdatedAt,
      updatedAt: finding.UpdatedAt,
      linkedGuardDutyId: readLinkedGuardDutyId(finding),
      raw: record,
    },
  };
}
