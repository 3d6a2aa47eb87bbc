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
  control("EC2.2", "HIGH", "The VPC default security group should not allow inbound and outbound traffic", "default-security-group", [FSBP, CIS_14]),
  control("EC2.6", "MEDIUM", "VPC flow logging should be enabled in all VPCs", "vpc", [FSBP, CIS_14]),
  control("EC2.7", "MEDIUM", "Amazon EBS default encryption should be enabled", "account", [FSBP, CIS_14]),
  control("EC2.8", "HIGH", "Amazon EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)", "instance", [FSBP]),
  control("EC2.13", "HIGH", "Security groups should not allow ingress from 0.0.0.0/0 to port 22", "security-group", []),
  control("EC2.19", "CRITICAL", "Security groups should not allow unrestricted access to ports with high risk", "security-group", [FSBP]),
  control("SSM.1", "MEDIUM", "Amazon EC2 instances should be managed by AWS Systems Manager", "instance", [FSBP]),
  control("SSM.2", "HIGH", "Amazon EC2 instances managed by Systems Manager should have a patch compliance status of COMPLIANT after a patch installation", "patch-compliance", [FSBP]),
  control("RDS.2", "CRITICAL", "RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible AWS Configuration", "rds", [FSBP]),
  control("RDS.3", "MEDIUM", "RDS DB instances should have encryption at-rest enabled", "rds", [FSBP, CIS_14]),
  control("KMS.4", "MEDIUM", "AWS KMS key rotation should be enabled", "kms-key", [CIS_14]),
  control("CloudTrail.1", "HIGH", "CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events", "account", [FSBP, CIS_14]),
  control("CloudTrail.2", "MEDIUM", "CloudTrail should have encryption at-rest enabled", "trail", [FSBP, CIS_14]),
  control("CloudTrail.4", "LOW", "CloudTrail log file validation should be enabled", "trail", [FSBP, CIS_14]),
  control("CloudTrail.5", "LOW", "CloudTrail trails should be integrated with Amazon CloudWatch Logs", "trail", [FSBP, CIS_14]),
  control("GuardDuty.1", "HIGH", "GuardDuty should be enabled", "account", [FSBP]),
  control("Config.1", "MEDIUM", "AWS Config should be enabled", "account", [FSBP, CIS_14]),
  control("WAF.10", "MEDIUM", "AWS WAF web ACLs should have at least one rule or rule group", "web-acl", [FSBP]),
  control("Backup.1", "MEDIUM", "AWS Backup recovery points should be encrypted at rest", "recovery-point", [FSBP]),
];

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
