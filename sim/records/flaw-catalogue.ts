/**
 * The flaws an account can have and how each one is visible in every source, so a
 * collector (and the checklist on top of it) can be tested for consistency: a failing
 * control in Security Hub, GuardDuty finding types, and the CloudTrail events that caused it.
 */

export interface FlawDefinition {
  key: string;
  /** Controls that fail (per resource for resource controls) while the flaw is present. */
  failingControls: string[];
  /** GuardDuty finding types this flaw attracts (only when GuardDuty is on). */
  guardDutyTypes: string[];
  /** CloudTrail event names that show the flaw being introduced or exploited. */
  cloudTrailEvents: string[];
  /** Rough weight: 1 = hygiene, 3 = serious. Good accounts only get weight-1 flaws. */
  weight: 1 | 2 | 3;
  /**
   * Where the flaw shows: "home" for IAM/root flaws (IAM is global, reported in the home
   * region), "secondary" for gaps that only affect the non-home regions, else "all".
   */
  scope: "all" | "home" | "secondary";
}

function flaw(
  key: string,
  weight: 1 | 2 | 3,
  failingControls: string[],
  guardDutyTypes: string[],
  cloudTrailEvents: string[],
  scope: FlawDefinition["scope"] = "all",
): FlawDefinition {
  return { key, weight, failingControls, guardDutyTypes, cloudTrailEvents, scope };
}

export const FLAWS: readonly FlawDefinition[] = [
  flaw("root-access-key", 3, ["IAM.4"], ["Policy:IAMUser/RootCredentialUsage"], ["CreateAccessKey"], "home"),
  flaw("no-root-mfa", 3, ["IAM.6", "IAM.9"], ["Policy:IAMUser/RootCredentialUsage"], ["ConsoleLogin"], "home"),
  flaw("no-password-policy", 2, ["IAM.7"], [], ["DeleteAccountPasswordPolicy"], "home"),
  flaw("stale-access-keys", 1, ["IAM.3"], [], [], "home"),
  flaw("console-users-no-mfa", 2, ["IAM.5"], ["UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B"], ["ConsoleLogin"], "home"),
  flaw("admin-wildcard-policy", 2, ["IAM.1"], [], ["CreatePolicy"], "home"),
  flaw(
    "public-bucket",
    3,
    ["S3.1", "S3.8"],
    ["Policy:S3/BucketBlockPublicAccessDisabled", "Policy:S3/BucketAnonymousAccessGranted"],
    ["DeleteBucketPublicAccessBlock", "PutBucketPolicy"],
  ),
  flaw("bucket-no-tls", 1, ["S3.5", "S3.4"], [], ["DeleteBucketEncryption"]),
  flaw(
    "open-ssh",
    3,
    ["EC2.19", "EC2.13"],
    ["Recon:EC2/PortProbeUnprotectedPort", "UnauthorizedAccess:EC2/SSHBruteForce"],
    ["AuthorizeSecurityGroupIngress"],
  ),
  flaw("default-sg-open", 2, ["EC2.2"], [], ["AuthorizeSecurityGroupIngress"]),
  flaw("unencrypted-ebs", 1, ["EC2.7"], [], ["DisableEbsEncryptionByDefault"]),
  flaw("no-flow-logs", 1, ["EC2.6"], [], ["DeleteFlowLogs"]),
  flaw("imdsv1", 2, ["EC2.8"], ["UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS"], ["ModifyInstanceMetadataOptions"]),
  flaw(
    "unpatched-instances",
    3,
    ["SSM.2"],
    ["CryptoCurrency:EC2/BitcoinTool.B!DNS", "Backdoor:EC2/C&CActivity.B!DNS"],
    ["DeleteAssociation"],
  ),
  flaw("unmanaged-instances", 1, ["SSM.1"], [], []),
  flaw("rds-unencrypted", 2, ["RDS.3"], [], ["CreateDBInstance"]),
  flaw("rds-public", 3, ["RDS.2"], [], ["ModifyDBInstance"]),
  flaw("kms-no-rotation", 1, ["KMS.4"], [], ["DisableKeyRotation"]),
  flaw("no-trail", 3, ["CloudTrail.1"], ["Stealth:IAMUser/CloudTrailLoggingDisabled"], ["DeleteTrail"]),
  flaw("trail-stopped", 3, ["CloudTrail.1"], ["Stealth:IAMUser/CloudTrailLoggingDisabled"], ["StopLogging"]),
  flaw("trail-weak", 1, ["CloudTrail.2", "CloudTrail.4", "CloudTrail.5"], [], ["UpdateTrail"], "home"),
  flaw("guardduty-off", 2, ["GuardDuty.1"], [], ["DeleteDetector"]),
  // The common half-done rollout: GuardDuty on in the home region only.
  flaw("guardduty-off-secondary", 2, ["GuardDuty.1"], [], ["DeleteDetector"], "secondary"),
  flaw("securityhub-off", 2, [], [], ["DisableSecurityHub"]),
  flaw("config-off", 2, ["Config.1"], [], ["StopConfigurationRecorder"]),
  flaw("waf-empty", 1, ["WAF.10"], [], ["UpdateWebACL"]),
  flaw("backup-unencrypted", 1, ["Backup.1"], [], []),
];

export const FLAWS_BY_KEY: ReadonlyMap<string, FlawDefinition> = new Map(FLAWS.map((f) => [f.key, f]));

/** Flaws that cannot coexist (a missing trail cannot also be stopped or weak). */
export const EXCLUSIVE_FLAWS: ReadonlyArray<readonly string[]> = [
  ["no-trail", "trail-stopped", "trail-weak"],
  ["guardduty-off", "guardduty-off-secondary"],
];
