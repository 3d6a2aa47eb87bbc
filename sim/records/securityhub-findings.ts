import { stableHex, stableUuid } from "../prng";
import { ASFF_RESOURCE_TYPE, type ControlDefinition } from "./control-catalogue";
import type { AsffFinding, GuardDutyFinding } from "./region-data";

/** Label -> Normalized as documented for ASFF Severity (API_FACTS section 1, Security Hub). */
export const NORMALIZED_BY_LABEL: Record<string, number> = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 40, HIGH: 70, CRITICAL: 90 };

/** GuardDuty 0-10 severity -> ASFF label, using the bands in the GuardDuty model's filter docs. */
export function guardDutyLabel(severity: number): string {
  if (severity >= 9) return "CRITICAL";
  if (severity >= 7) return "HIGH";
  if (severity >= 4) return "MEDIUM";
  if (severity >= 1) return "LOW";
  return "INFORMATIONAL";
}

const iso = (ms: number) => new Date(ms).toISOString();

export interface ControlResource {
  id: string;
  details?: Record<string, unknown>;
}

export interface ControlFindingInput {
  seed: string;
  accountId: string;
  region: string;
  control: ControlDefinition;
  resource: ControlResource;
  status: "PASSED" | "FAILED";
  createdMs: number;
  updatedMs: number;
}

export function buildControlFinding(input: ControlFindingInput): AsffFinding {
  const { control, region, accountId } = input;
  const uuid = stableUuid(`${input.seed}:control:${accountId}:${region}:${control.id}:${input.resource.id}`);
  const id = `arn:aws:securityhub:${region}:${accountId}:security-control/${control.id}/finding/${uuid}`;
  const productArn = `arn:aws:securityhub:${region}::product/aws/securityhub`;
  const failed = input.status === "FAILED";
  // Security Hub reports passed control findings as INFORMATIONAL and resolves their workflow.
  const label = failed ? control.severity : "INFORMATIONAL";
  const types = ["Software and Configuration Checks/Industry and Regulatory Standards"];
  const resource: Record<string, unknown> = {
    Type: ASFF_RESOURCE_TYPE[control.resourceKind],
    Id: input.resource.id,
    Partition: "aws",
    Region: region,
  };
  if (input.resource.details) resource.Details = input.resource.details;
  return {
    SchemaVersion: "2018-10-08",
    Id: id,
    ProductArn: productArn,
    ProductName: "Security Hub",
    CompanyName: "AWS",
    Region: region,
    GeneratorId: `security-control/${control.id}`,
    AwsAccountId: accountId,
    Types: types,
    FirstObservedAt: iso(input.createdMs),
    LastObservedAt: iso(input.updatedMs),
    CreatedAt: iso(input.createdMs),
    UpdatedAt: iso(input.updatedMs),
    Severity: { Label: label, Normalized: NORMALIZED_BY_LABEL[label] ?? 0, Original: label },
    Title: control.title,
    Description: `This control checks the condition "${control.title}". The control ${failed ? "fails" : "passes"} for this resource.`,
    Remediation: {
      Recommendation: {
        Text: "For information on how to correct this issue, consult the AWS Security Hub controls documentation.",
        Url: `https://docs.aws.amazon.com/console/securityhub/${control.id}/remediation`,
      },
    },
    ProductFields: {
      "RelatedAWSResources:0/name": `securityhub-${control.id.toLowerCase().replace(".", "-")}-${stableHex(`${control.id}:rule`, 8)}`,
      "RelatedAWSResources:0/type": "AWS::Config::ConfigRule",
      "aws/securityhub/ProductName": "Security Hub",
      "aws/securityhub/CompanyName": "AWS",
      "Resources:0/Id": input.resource.id,
      "aws/securityhub/FindingId": `${productArn}/${id}`,
    },
    Resources: [resource],
    Compliance: {
      Status: input.status,
      SecurityControlId: control.id,
      AssociatedStandards: control.standards.map((standardsId) => ({ StandardsId: standardsId })),
    },
    WorkflowState: failed ? "NEW" : "RESOLVED",
    Workflow: { Status: failed ? "NEW" : "RESOLVED" },
    RecordState: "ACTIVE",
    FindingProviderFields: { Severity: { Label: label, Original: label }, Types: types },
  };
}

/** Updates a control finding in place to a new evaluation result (time evolution). */
export function reevaluateControlFinding(finding: AsffFinding, status: "PASSED" | "FAILED", severity: string, updatedMs: number): void {
  const label = status === "FAILED" ? severity : "INFORMATIONAL";
  const compliance = (finding.Compliance ?? {}) as Record<string, unknown>;
  finding.Compliance = { ...compliance, Status: status };
  finding.Severity = { Label: label, Normalized: NORMALIZED_BY_LABEL[label] ?? 0, Original: label };
  finding.FindingProviderFields = {
    ...((finding.FindingProviderFields as Record<string, unknown>) ?? {}),
    Severity: { Label: label, Original: label },
  };
  finding.Workflow = { Status: status === "FAILED" ? "NEW" : "RESOLVED" };
  finding.WorkflowState = status === "FAILED" ? "NEW" : "RESOLVED";
  finding.UpdatedAt = iso(updatedMs);
  finding.LastObservedAt = iso(updatedMs);
}

const TTP_BY_PURPOSE: Record<string, string> = {
  Recon: "TTPs/Discovery",
  Discovery: "TTPs/Discovery",
  UnauthorizedAccess: "TTPs/Initial Access",
  CryptoCurrency: "Effects/Resource Consumption",
  Backdoor: "TTPs/Command and Control",
  Behavior: "Unusual Behaviors/VM",
  Stealth: "TTPs/Defense Evasion",
  Policy: "Software and Configuration Checks",
  AttackSequence: "TTPs/Initial Access",
};

function flatten(prefix: string, value: unknown, out: Record<string, string>): void {
  if (value === null || value === undefined) {
    out[prefix] = "";
  } else if (Array.isArray(value)) {
    if (value.length === 0) out[prefix] = "";
    value.forEach((item, index) => flatten(`${prefix}/${index}`, item, out));
  } else if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out[prefix] = "";
    for (const [key, inner] of entries) flatten(`${prefix}/${key}`, inner, out);
  } else {
    out[prefix] = String(value);
  }
}

/** The copy Security Hub publishes of a GuardDuty finding (shape of samples/guardduty/…/securityhub-integration). */
export function buildGuardDutyCopy(finding: GuardDutyFinding): AsffFinding {
  const { region, accountId } = finding;
  const productArn = `arn:aws:securityhub:${region}::product/aws/guardduty`;
  const purpose = finding.type.split(":")[0] ?? "";
  const types = [`${TTP_BY_PURPOSE[purpose] ?? "TTPs"}/${finding.type.replace(/\//g, "-")}`];
  const label = guardDutyLabel(finding.severity);
  const productFields: Record<string, string> = {};
  flatten("aws/guardduty/service", finding.service, productFields);
  productFields["aws/securityhub/FindingId"] = `${productArn}/${finding.arn}`;
  productFields["aws/securityhub/ProductName"] = "GuardDuty";
  productFields["aws/securityhub/CompanyName"] = "Amazon";
  // GuardDuty's resource block is free-form JSON whose shape depends on resourceType.
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const resource = finding.resource as Record<string, any>;
  let resources: Array<Record<string, unknown>>;
  if (resource.resourceType === "Instance") {
    const details = resource.instanceDetails as Record<string, any>;
    const nic = (details.networkInterfaces as Array<Record<string, any>>)[0] ?? {};
    resources = [
      {
        Type: "AwsEc2Instance",
        Id: `arn:aws:ec2:${region}:${accountId}:instance/${details.instanceId}`,
        Partition: "aws",
        Region: region,
        Details: {
          AwsEc2Instance: {
            Type: details.instanceType,
            ImageId: details.imageId,
            IpV4Addresses: [nic.publicIp, nic.privateIpAddress].filter(Boolean),
            VpcId: nic.vpcId,
            SubnetId: nic.subnetId,
          },
        },
      },
    ];
  } else if (resource.resourceType === "S3Bucket") {
    const bucket = (resource.s3BucketDetails as Array<Record<string, any>>)[0] ?? {};
    resources = [{ Type: "AwsS3Bucket", Id: bucket.arn, Partition: "aws", Region: region }];
  } else if (resource.resourceType === "AccessKey") {
    const key = resource.accessKeyDetails as Record<string, any>;
    resources = [
      {
        Type: "AwsIamAccessKey",
        Id: `AWS::IAM::AccessKey:${String(key.accessKeyId).toLowerCase()}`,
        Partition: "aws",
        Region: region,
        Details: { AwsIamAccessKey: { PrincipalId: key.principalId, PrincipalName: key.userName, PrincipalType: key.userType } },
      },
    ];
  } else {
    resources = [{ Type: "Other", Id: `arn:aws:iam::${accountId}:root`, Partition: "aws", Region: region }];
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */
  const severityOriginal = String(finding.severity);
  return {
    SchemaVersion: "2018-10-08",
    Id: finding.arn,
    ProductArn: productArn,
    ProductName: "GuardDuty",
    CompanyName: "Amazon",
    Region: region,
    GeneratorId: `arn:aws:guardduty:${region}:${accountId}:detector/${finding.service.detectorId}`,
    AwsAccountId: accountId,
    Types: types,
    FirstObservedAt: finding.service.eventFirstSeen,
    LastObservedAt: finding.service.eventLastSeen,
    CreatedAt: finding.createdAt,
    UpdatedAt: finding.updatedAt,
    Severity: { Product: finding.severity, Label: label, Normalized: Math.round(finding.severity * 10), Original: severityOriginal },
    Title: finding.title,
    Description: finding.description,
    SourceUrl: `https://${region}.console.aws.amazon.com/guardduty/home?region=${region}#/findings?macros=current&fId=${finding.id}`,
    ProductFields: productFields,
    Resources: resources,
    WorkflowState: "NEW",
    Workflow: { Status: "NEW" },
    RecordState: finding.service.archived ? "ARCHIVED" : "ACTIVE",
    FindingProviderFields: { Severity: { Label: label, Original: severityOriginal }, Types: types },
  };
}

const CVES = [
  { id: "CVE-2023-38545", pkg: "curl", version: "7.88.1", fixed: "8.4.0", score: 9.8, label: "CRITICAL" },
  { id: "CVE-2024-6387", pkg: "openssh-server", version: "8.7p1", fixed: "8.7p1-38", score: 8.1, label: "HIGH" },
  { id: "CVE-2023-4911", pkg: "glibc", version: "2.34", fixed: "2.34-83", score: 7.8, label: "HIGH" },
  { id: "CVE-2022-0778", pkg: "openssl", version: "1.1.1k", fixed: "1.1.1n", score: 7.5, label: "HIGH" },
  { id: "CVE-2021-3156", pkg: "sudo", version: "1.8.23", fixed: "1.9.5p2", score: 7.8, label: "HIGH" },
  { id: "CVE-2023-44487", pkg: "nghttp2", version: "1.43.0", fixed: "1.57.0", score: 7.5, label: "HIGH" },
  { id: "CVE-2023-5678", pkg: "openssl", version: "3.0.7", fixed: "3.0.13", score: 5.3, label: "MEDIUM" },
];

export const CVE_COUNT = CVES.length;

export interface InspectorFindingInput {
  seed: string;
  accountId: string;
  region: string;
  instance: { id: string; type: string; imageId: string; privateIp: string; vpcId: string; subnetId: string };
  cveIndex: number;
  createdMs: number;
  updatedMs: number;
}

/** Inspector package-vulnerability finding for an unpatched instance, as Security Hub receives it. */
export function buildInspectorFinding(input: InspectorFindingInput): AsffFinding {
  const cve = CVES[input.cveIndex % CVES.length] ?? CVES[0]!;
  const { region, accountId, instance } = input;
  const id = `arn:aws:inspector2:${region}:${accountId}:finding/${stableHex(`${input.seed}:inspector:${accountId}:${region}:${instance.id}:${cve.id}`, 32)}`;
  const productArn = `arn:aws:securityhub:${region}::product/aws/inspector`;
  const types = ["Software and Configuration Checks/Vulnerabilities/CVE"];
  return {
    SchemaVersion: "2018-10-08",
    Id: id,
    ProductArn: productArn,
    ProductName: "Inspector",
    CompanyName: "Amazon",
    Region: region,
    GeneratorId: "AWSInspector",
    AwsAccountId: accountId,
    Types: types,
    FirstObservedAt: iso(input.createdMs),
    LastObservedAt: iso(input.updatedMs),
    CreatedAt: iso(input.createdMs),
    UpdatedAt: iso(input.updatedMs),
    Severity: { Label: cve.label, Normalized: NORMALIZED_BY_LABEL[cve.label] ?? 0, Original: cve.label },
    Title: `${cve.id} - ${cve.pkg}`,
    Description: `A vulnerability in ${cve.pkg} ${cve.version} (${cve.id}) is present on ${instance.id}.`,
    Remediation: { Recommendation: { Text: `Upgrade ${cve.pkg} to ${cve.fixed} or later.` } },
    ProductFields: {
      "aws/inspector/FindingStatus": "ACTIVE",
      "aws/inspector/inspectorScore": String(cve.score),
      "aws/inspector/resources/1/resourceDetails/awsEc2InstanceDetails/platform": "AMAZON_LINUX_2",
      "aws/inspector/ProductVersion": "2",
      "aws/securityhub/FindingId": `${productArn}/${id}`,
      "aws/securityhub/ProductName": "Inspector",
      "aws/securityhub/CompanyName": "Amazon",
    },
    Resources: [
      {
        Type: "AwsEc2Instance",
        Id: `arn:aws:ec2:${region}:${accountId}:instance/${instance.id}`,
        Partition: "aws",
        Region: region,
        Details: {
          AwsEc2Instance: {
            Type: instance.type,
            ImageId: instance.imageId,
            IpV4Addresses: [instance.privateIp],
            VpcId: instance.vpcId,
            SubnetId: instance.subnetId,
          },
        },
      },
    ],
    Vulnerabilities: [
      {
        Id: cve.id,
        VulnerablePackages: [
          {
            Name: cve.pkg,
            Version: cve.version,
            Epoch: "0",
            Architecture: "X86_64",
            PackageManager: "OS",
            FixedInVersion: cve.fixed,
            Remediation: `yum update ${cve.pkg}`,
          },
        ],
        Cvss: [{ Version: "3.1", BaseScore: cve.score, Source: "NVD" }],
        Vendor: { Name: "NVD", Url: `https://nvd.nist.gov/vuln/detail/${cve.id}` },
        ReferenceUrls: [`https://nvd.nist.gov/vuln/detail/${cve.id}`],
        FixAvailable: "YES",
        ExploitAvailable: cve.score >= 9 ? "YES" : "NO",
      },
    ],
    WorkflowState: "NEW",
    Workflow: { Status: "NEW" },
    RecordState: "ACTIVE",
    FindingProviderFields: { Severity: { Label: cve.label, Original: cve.label }, Types: types },
  };
}
