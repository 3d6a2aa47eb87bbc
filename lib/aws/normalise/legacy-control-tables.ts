/**
 * Legacy per-standard control ids -> consolidated Security Hub control ids
 * (Compliance.SecurityControlId). Data only; used by map-legacy-control-id.ts.
 *
 * Sources (see ../shared/aws):
 * - CIS v1.2.0 and v1.4.0: the comparison tables of [SH-UG] cis-aws-foundations-benchmark.md
 *   (2023 snapshot) and the per-control "Related requirements" lines, as summarised in
 *   API_FACTS.md section 3a.
 * - PCI DSS v3.2.1: titles of the legacy findings in samples/securityhub (PCI.S3.1 "prohibit
 *   public write access" = S3.3, PCI.KMS.1 "CMK rotation" = KMS.4, ...); the rows not seen in
 *   a sample follow AWS's "consolidated control IDs" mapping table and are marked "unverified".
 * - CIS v3.0.0: launched after consolidated findings, so no legacy finding should carry these;
 *   kept for completeness and marked "unverified" (API_FACTS 3c: the full list was not obtained).
 */

export const CIS_1_2_0: Readonly<Record<string, string>> = {
  "1.1": "CloudWatch.1",
  "1.2": "IAM.5",
  "1.3": "IAM.8",
  "1.4": "IAM.3",
  "1.5": "IAM.11",
  "1.6": "IAM.12",
  "1.7": "IAM.13",
  "1.8": "IAM.14",
  "1.9": "IAM.15",
  "1.10": "IAM.16",
  "1.11": "IAM.17",
  "1.12": "IAM.4",
  "1.13": "IAM.9",
  "1.14": "IAM.6",
  "1.16": "IAM.2",
  "1.20": "IAM.18",
  "1.22": "IAM.1",
  "2.1": "CloudTrail.1",
  "2.2": "CloudTrail.4",
  "2.3": "CloudTrail.6",
  "2.4": "CloudTrail.5",
  "2.5": "Config.1",
  "2.6": "CloudTrail.7",
  "2.7": "CloudTrail.2",
  "2.8": "KMS.4",
  "2.9": "EC2.6",
  "3.1": "CloudWatch.2",
  "3.2": "CloudWatch.3",
  "3.3": "CloudWatch.1",
  "3.4": "CloudWatch.4",
  "3.5": "CloudWatch.5",
  "3.6": "CloudWatch.6",
  "3.7": "CloudWatch.7",
  "3.8": "CloudWatch.8",
  "3.9": "CloudWatch.9",
  "3.10": "CloudWatch.10",
  "3.11": "CloudWatch.11",
  "3.12": "CloudWatch.12",
  "3.13": "CloudWatch.13",
  "3.14": "CloudWatch.14",
  "4.1": "EC2.13",
  "4.2": "EC2.14",
  "4.3": "EC2.2",
};

export const CIS_1_4_0: Readonly<Record<string, string>> = {
  "1.4": "IAM.4",
  "1.5": "IAM.9",
  "1.6": "IAM.6",
  "1.7": "CloudWatch.1",
  "1.8": "IAM.15",
  "1.9": "IAM.16",
  "1.10": "IAM.5",
  "1.12": "IAM.22",
  "1.14": "IAM.3",
  "1.16": "IAM.1",
  "1.17": "IAM.18",
  "2.1.1": "S3.4",
  "2.1.2": "S3.5",
  "2.1.5.1": "S3.1",
  "2.1.5.2": "S3.8",
  "2.2.1": "EC2.7",
  "2.3.1": "RDS.3",
  "3.1": "CloudTrail.1",
  "3.2": "CloudTrail.4",
  "3.3": "CloudTrail.6",
  "3.4": "CloudTrail.5",
  "3.5": "Config.1",
  "3.6": "CloudTrail.7",
  "3.7": "CloudTrail.2",
  "3.8": "KMS.4",
  "3.9": "EC2.6",
  "4.3": "CloudWatch.1",
  "4.4": "CloudWatch.4",
  "4.5": "CloudWatch.5",
  "4.6": "CloudWatch.6",
  "4.7": "CloudWatch.7",
  "4.8": "CloudWatch.8",
  "4.9": "CloudWatch.9",
  "4.10": "CloudWatch.10",
  "4.11": "CloudWatch.11",
  "4.12": "CloudWatch.12",
  "4.13": "CloudWatch.13",
  "4.14": "CloudWatch.14",
  "5.1": "EC2.21",
  "5.3": "EC2.2",
};

/** Unverified: see the file comment. 2.1.4 covers S3.1 and S3.8; the account-level one is used. */
export const CIS_3_0_0: Readonly<Record<string, string>> = {
  "1.2": "Account.1",
  "1.4": "IAM.4",
  "1.5": "IAM.9",
  "1.6": "IAM.6",
  "1.8": "IAM.15",
  "1.9": "IAM.16",
  "1.10": "IAM.5",
  "1.12": "IAM.22",
  "1.14": "IAM.3",
  "1.15": "IAM.2",
  "1.16": "IAM.1",
  "1.17": "IAM.18",
  "1.19": "IAM.26",
  "1.20": "IAM.28",
  "1.22": "IAM.27",
  "2.1.1": "S3.5",
  "2.1.2": "S3.20",
  "2.1.4": "S3.1",
  "2.2.1": "EC2.7",
  "2.3.1": "RDS.3",
  "2.3.2": "RDS.13",
  "2.3.3": "RDS.2",
  "2.4.1": "EFS.1",
  "3.1": "CloudTrail.1",
  "3.2": "CloudTrail.4",
  "3.3": "Config.1",
  "3.4": "CloudTrail.7",
  "3.5": "CloudTrail.2",
  "3.6": "KMS.4",
  "3.7": "EC2.6",
  "3.8": "S3.22",
  "3.9": "S3.23",
  "5.1": "EC2.21",
  "5.2": "EC2.53",
  "5.3": "EC2.54",
  "5.4": "EC2.2",
  "5.6": "EC2.8",
};

/** PCI DSS v3.2.1. Rows with a sample in ../shared/aws/samples are marked "seen". */
export const PCI_DSS_3_2_1: Readonly<Record<string, string>> = {
  "PCI.AutoScaling.1": "AutoScaling.1", // seen
  "PCI.CloudTrail.1": "CloudTrail.2", // seen: "CloudTrail logs should be encrypted at rest using AWS KMS CMKs"
  "PCI.CloudTrail.2": "CloudTrail.3", // seen: "CloudTrail should be enabled"
  "PCI.CloudTrail.3": "CloudTrail.4",
  "PCI.CloudTrail.4": "CloudTrail.5", // seen
  "PCI.CodeBuild.1": "CodeBuild.1",
  "PCI.CodeBuild.2": "CodeBuild.2",
  "PCI.Config.1": "Config.1", // seen
  "PCI.CW.1": "CloudWatch.1",
  "PCI.DMS.1": "DMS.1",
  "PCI.EC2.1": "EC2.1", // seen
  "PCI.EC2.2": "EC2.2",
  "PCI.EC2.4": "EC2.12",
  "PCI.EC2.5": "EC2.13", // seen
  "PCI.EC2.6": "EC2.6",
  "PCI.ELBv2.1": "ELB.1",
  "PCI.ES.1": "ES.2",
  "PCI.ES.2": "ES.1",
  "PCI.GuardDuty.1": "GuardDuty.1",
  "PCI.IAM.1": "IAM.4",
  "PCI.IAM.2": "IAM.2",
  "PCI.IAM.3": "IAM.1",
  "PCI.IAM.4": "IAM.6",
  "PCI.IAM.5": "IAM.9",
  "PCI.IAM.6": "IAM.19", // seen: "MFA should be enabled for all IAM users"
  "PCI.IAM.7": "IAM.8", // seen
  "PCI.IAM.8": "IAM.10",
  "PCI.KMS.1": "KMS.4", // seen
  "PCI.Lambda.1": "Lambda.1",
  "PCI.Lambda.2": "Lambda.3",
  "PCI.Opensearch.1": "Opensearch.2",
  "PCI.Opensearch.2": "Opensearch.1",
  "PCI.RDS.1": "RDS.1",
  "PCI.RDS.2": "RDS.2", // seen
  "PCI.Redshift.1": "Redshift.1",
  "PCI.S3.1": "S3.3", // seen: "prohibit public write access"
  "PCI.S3.2": "S3.2",
  "PCI.S3.3": "S3.7",
  "PCI.S3.4": "S3.4", // seen
  "PCI.S3.5": "S3.5",
  "PCI.S3.6": "S3.1", // seen: "S3 Block Public Access setting should be enabled"
  "PCI.SageMaker.1": "SageMaker.1",
  "PCI.SSM.1": "SSM.2",
  "PCI.SSM.2": "SSM.3",
  "PCI.SSM.3": "SSM.1",
};
