/**
 * Security Hub controls the simulator evaluates. Ids, severities and titles are from the
 * Security Hub user guide control pages (see ../shared/aws/API_FACTS.md section 3a);
 * SSM, WAF and Backup ids are from the same guide's newer pages and are marked as such
 * in sim/README.md.
 */

export type ResourceKind =
  | "account"
  | "iam-user"
  | "iam-policy"
  | "bucket"
  | "security-group"
  | "default-security-group"
  | "instance"
  | "patch-compliance"
  | "vpc"
  | "rds"
  | "kms-key"
  | "trail"
  | "web-acl"
  | "recovery-point";

export type ControlSeverity = "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";

export interface ControlDefinition {
  id: string;
  severity: ControlSeverity;
  title: string;
  resourceKind: ResourceKind;
  /** IAM is a global service: evaluated only in the account's home (first) region. */
  isGlobal: boolean;
  standards: string[];
}

export const FSBP = "standards/aws-foundational-security-best-practices/v/1.0.0";
export const CIS_14 = "standards/cis-aws-foundations-benchmark/v/1.4.0";

function control(
  id: string,
  severity: ControlSeverity,
  title: string,
  resourceKind: ResourceKind,
  standards: string[],
  isGlobal = false,
): ControlDefinition {
  return { id, severity, title, resourceKind, isGlobal, standards };
}

export const CONTROLS: readonly ControlDefinition[] = [
  control("IAM.1", "HIGH", 'IAM policies should not allow full "*" administrative privileges', "iam-policy", [FSBP, CIS_14], true),
  control("IAM.3", "MEDIUM", "IAM users' access keys should be rotated every 90 days or less", "iam-user", [FSBP, CIS_14], true),
  control("IAM.4", "CRITICAL", "IAM root user access key should not exist", "account", [FSBP, CIS_14], true),
  control("IAM.5", "MEDIUM", "MFA should be enabled for all IAM users that have a console password", "iam-user", [FSBP, CIS_14], true),
  control("IAM.6", "CRITICAL", "Hardware MFA should be enabled for the root user", "account", [FSBP, CIS_14], true),
  control("IAM.7", "MEDIUM", "Password policies for IAM users should have strong AWS Configurations", "account", [FSBP], true),
  control("IAM.9", "CRITICAL", "Virtual MFA should be enabled for the root user", "account", [CIS_14], true),
  control("S3.1", "MEDIUM", "S3 Block Public Access setting should be enabled", "account", [FSBP, CIS_14]),
  control("S3.4", "MEDIUM", "S3 buckets should have server-side encryption enabled", "bucket", [FSBP, CIS_14]),
  control("S3.5", "MEDIUM", "S3 buckets should require requests to use Secure Socket Layer", "bucket", [FSBP, CIS_14]),
  control("S3.8", "HIGH", "S3 Block Public Access setting should be enabled at the bucket-level", "bucket", [FSBP, CIS_14]),
  control("EC2.2", "HIGH", "The VPC default security group should not allow inbound and outbound traffic", "default-security-group", [
    FSBP,
    CIS_14,
  ]),
  control("EC2.6", "MEDIUM", "VPC flow logging should be enabled in all VPCs", "vpc", [FSBP, CIS_14]),
  control("EC2.7", "MEDIUM", "Amazon EBS default encryption should be enabled", "account", [FSBP, CIS_14]),
  control("EC2.8", "HIGH", "Amazon EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)", "instance", [FSBP]),
  control("EC2.13", "HIGH", "Security groups should not allow ingress from 0.0.0.0/0 to port 22", "security-group", []),
  control("EC2.19", "CRITICAL", "Security groups should not allow unrestricted access to ports with high risk", "security-group", [FSBP]),
  control("SSM.1", "MEDIUM", "Amazon EC2 instances should be managed by AWS Systems Manager", "instance", [FSBP]),
  control(
    "SSM.2",
    "HIGH",
    "Amazon EC2 instances managed by Systems Manager should have a patch compliance status of COMPLIANT after a patch installation",
    "patch-compliance",
    [FSBP],
  ),
  control(
    "RDS.2",
    "CRITICAL",
    "RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible AWS Configuration",
    "rds",
    [FSBP],
  ),
  control("RDS.3", "MEDIUM", "RDS DB instances should have encryption at-rest enabled", "rds", [FSBP, CIS_14]),
  control("KMS.4", "MEDIUM", "AWS KMS key rotation should be enabled", "kms-key", [CIS_14]),
  control(
    "CloudTrail.1",
    "HIGH",
    "CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events",
    "account",
    [FSBP, CIS_14],
  ),
  control("CloudTrail.2", "MEDIUM", "CloudTrail should have encryption at-rest enabled", "trail", [FSBP, CIS_14]),
  control("CloudTrail.4", "LOW", "CloudTrail log file validation should be enabled", "trail", [FSBP, CIS_14]),
  control("CloudTrail.5", "LOW", "CloudTrail trails should be integrated with Amazon CloudWatch Logs", "trail", [FSBP, CIS_14]),
  control("GuardDuty.1", "HIGH", "GuardDuty should be enabled", "account", [FSBP]),
  control("Config.1", "MEDIUM", "AWS Config should be enabled", "account", [FSBP, CIS_14]),
  control("WAF.10", "MEDIUM", "AWS WAF web ACLs should have at least one rule or rule group", "web-acl", [FSBP]),
  control("Backup.1", "MEDIUM", "AWS Backup recovery points should be encrypted at rest", "recovery-point", [FSBP]),
  // Checks on resources the simulated accounts have, so that "enabled with no finding" only
  // ever happens where the accounts really hold nothing in scope (titles: API_FACTS 3a).
  control("IAM.2", "LOW", "IAM users should not have IAM policies attached", "iam-user", [FSBP, CIS_14], true),
  control("IAM.8", "MEDIUM", "Unused IAM user credentials should be removed", "iam-user", [FSBP], true),
  control("IAM.22", "MEDIUM", "IAM user credentials unused for 45 days should be removed", "iam-user", [CIS_14], true),
  control(
    "IAM.21",
    "LOW",
    "IAM customer managed policies that you create should not allow wildcard actions for services",
    "iam-policy",
    [FSBP],
    true,
  ),
  control("IAM.28", "HIGH", "IAM Access Analyzer external access analyzer should be enabled", "account", [FSBP]),
  control("Account.1", "MEDIUM", "Security contact information should be provided for an AWS account", "account", [FSBP], true),
  control("IAM.18", "LOW", "Ensure a support role has been created to manage incidents with AWS Support", "account", [CIS_14], true),
  control(
    "KMS.1",
    "MEDIUM",
    "IAM customer managed policies should not allow decryption actions on all KMS keys",
    "iam-policy",
    [FSBP],
    true,
  ),
  control("KMS.3", "CRITICAL", "AWS KMS keys should not be deleted unintentionally", "kms-key", [FSBP]),
  control("S3.2", "CRITICAL", "S3 buckets should prohibit public read access", "bucket", [FSBP]),
  control("S3.3", "CRITICAL", "S3 buckets should prohibit public write access", "bucket", [FSBP]),
  control("S3.6", "HIGH", "S3 permissions granted to other AWS accounts in bucket policies should be restricted", "bucket", [FSBP]),
  control("S3.9", "MEDIUM", "S3 bucket server access logging should be enabled", "bucket", [FSBP]),
  control("S3.10", "MEDIUM", "S3 buckets with versioning enabled should have lifecycle policies configured", "bucket", [FSBP]),
  control("S3.12", "MEDIUM", "S3 access control lists (ACLs) should not be used to manage user access to buckets", "bucket", [FSBP]),
  control("S3.14", "LOW", "S3 buckets should use versioning", "bucket", [FSBP]),
  control("EC2.4", "MEDIUM", "Stopped Amazon EC2 instances should be removed after a specified time period", "instance", [FSBP]),
  control("EC2.9", "HIGH", "Amazon EC2 instances should not have a public IPv4 address", "instance", [FSBP]),
  control("EC2.24", "MEDIUM", "Amazon EC2 paravirtual instance types should not be used", "instance", [FSBP]),
  control("EC2.18", "HIGH", "Security groups should only allow unrestricted incoming traffic for authorized ports", "security-group", [
    FSBP,
  ]),
  control("CloudTrail.6", "CRITICAL", "Ensure the S3 bucket used to store CloudTrail logs is not publicly accessible", "trail", [CIS_14]),
  control("CloudTrail.7", "LOW", "Ensure S3 bucket access logging is enabled on the CloudTrail S3 bucket", "trail", [CIS_14]),
];

/**
 * Controls that enabled standards contain but the simulator never reports on, because no
 * simulated account holds a resource they check (EBS and RDS snapshots, Elastic IPs,
 * transit gateways, launch templates, subnets and network ACLs, and whole services the
 * accounts do not use). DescribeStandardsControls lists them, so "enabled for more than a
 * day with no finding" means exactly what it means in AWS: no resources in scope.
 */
export const LISTED_ONLY_CONTROLS: ReadonlyArray<{ id: string; title: string; severity: ControlSeverity; standards: string[] }> = [
  ["EC2.1", "CRITICAL", "Amazon EBS snapshots should not be publicly restorable"],
  ["EC2.12", "LOW", "Unused Amazon EC2 EIPs should be removed"],
  ["EC2.15", "MEDIUM", "Amazon EC2 subnets should not automatically assign public IP addresses"],
  ["EC2.16", "LOW", "Unused Network Access Control Lists should be removed"],
  ["EC2.21", "MEDIUM", "Network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389"],
  ["EC2.23", "HIGH", "Amazon EC2 Transit Gateways should not automatically accept VPC attachment requests"],
  ["EC2.25", "HIGH", "Amazon EC2 launch templates should not assign public IPs to network interfaces"],
  ["RDS.1", "CRITICAL", "RDS snapshot should be private"],
  ["DynamoDB.2", "MEDIUM", "DynamoDB tables should have point-in-time recovery enabled"],
  ["Lambda.1", "CRITICAL", "Lambda function policies should prohibit public access"],
  ["ECR.1", "HIGH", "ECR private repositories should have image scanning configured"],
  ["SecretsManager.1", "MEDIUM", "Secrets Manager secrets should have automatic rotation enabled"],
].map(([id, severity, title]) => ({ id: id!, severity: severity as ControlSeverity, title: title!, standards: [FSBP] }));

export const CONTROLS_BY_ID: ReadonlyMap<string, ControlDefinition> = new Map(CONTROLS.map((c) => [c.id, c]));

/** ASFF resource type for each kind (as Security Hub names them). */
export const ASFF_RESOURCE_TYPE: Record<ResourceKind, string> = {
  account: "AwsAccount",
  "iam-user": "AwsIamUser",
  "iam-policy": "AwsIamPolicy",
  bucket: "AwsS3Bucket",
  "security-group": "AwsEc2SecurityGroup",
  "default-security-group": "AwsEc2SecurityGroup",
  instance: "AwsEc2Instance",
  "patch-compliance": "AwsSsmPatchCompliance",
  vpc: "AwsEc2Vpc",
  rds: "AwsRdsDbInstance",
  "kms-key": "AwsKmsKey",
  trail: "AwsCloudTrailTrail",
  "web-acl": "AwsWafv2WebAcl",
  "recovery-point": "AwsBackupRecoveryPoint",
};
