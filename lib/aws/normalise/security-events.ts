/**
 * The CloudTrail management events Parapet collects through LookupEvents, as versioned data.
 *
 * LookupEvents takes one lookup attribute per call and allows 2 requests per second per
 * account per Region, so this list is deliberately short: each entry costs one paged call per
 * Region per sweep. Root-user activity is collected separately with a `Username = root`
 * lookup (see isRootActivity), so it needs no entries here.
 *
 * `isGlobalService`: IAM is a global service whose events CloudTrail records in us-east-1
 * only (CloudTrail user guide, "global service events"), so collectors need to look those up
 * in us-east-1 only. Everything else is recorded in the Region where it happened.
 *
 * Bump SECURITY_EVENTS_VERSION whenever entries change, so stored collections can say which
 * list they were gathered with.
 */
export const SECURITY_EVENTS_VERSION = "2026-12-01.1";

export interface SecurityEventName {
  eventName: string;
  eventSource: string;
  why: string;
  isGlobalService: boolean;
}

const regional = (eventSource: string, eventName: string, why: string): SecurityEventName => ({
  eventName,
  eventSource,
  why,
  isGlobalService: false,
});
const iam = (eventName: string, why: string): SecurityEventName => ({
  eventName,
  eventSource: "iam.amazonaws.com",
  why,
  isGlobalService: true,
});

export const SECURITY_EVENT_NAMES: ReadonlyArray<SecurityEventName> = [
  // Sign-in
  regional("signin.amazonaws.com", "ConsoleLogin", "Console sign-ins; failures and logins without MFA are CIS 4.3/4.6 alarms."),

  // Audit trail tampering (CIS 4.5)
  regional("cloudtrail.amazonaws.com", "StopLogging", "Turns a trail off: the classic first step to hide activity."),
  regional("cloudtrail.amazonaws.com", "DeleteTrail", "Removes a trail and its future logs."),
  regional("cloudtrail.amazonaws.com", "UpdateTrail", "Can redirect logs to another bucket or drop multi-Region coverage."),
  regional("cloudtrail.amazonaws.com", "PutEventSelectors", "Can exclude management or data events from a trail."),
  regional("cloudtrail.amazonaws.com", "DeleteEventDataStore", "Removes a CloudTrail Lake event data store and its events."),
  regional("cloudtrail.amazonaws.com", "StopEventDataStoreIngestion", "Stops a CloudTrail Lake event data store recording."),

  // Threat detection disabled
  regional("guardduty.amazonaws.com", "DeleteDetector", "Switches GuardDuty off in a Region."),
  regional("guardduty.amazonaws.com", "UpdateDetector", "Can disable the detector or its protection plans."),
  regional(
    "guardduty.amazonaws.com",
    "DisassociateFromMasterAccount",
    "Member leaves the delegated administrator: findings stop reaching the org view.",
  ),
  regional("guardduty.amazonaws.com", "DisassociateFromAdministratorAccount", "Current name of DisassociateFromMasterAccount."),
  regional("guardduty.amazonaws.com", "DisassociateMembers", "Administrator drops member accounts from GuardDuty."),
  regional("guardduty.amazonaws.com", "DeleteMembers", "Administrator removes member accounts from GuardDuty."),
  regional("guardduty.amazonaws.com", "StopMonitoringMembers", "Administrator stops monitoring member accounts."),
  regional("guardduty.amazonaws.com", "CreateFilter", "An auto-archive filter silently archives matching findings."),
  regional("guardduty.amazonaws.com", "CreateIPSet", "A trusted IP list suppresses findings for those addresses."),
  regional("securityhub.amazonaws.com", "DisableSecurityHub", "Switches Security Hub off in a Region."),
  regional("securityhub.amazonaws.com", "BatchDisableStandards", "Stops control checks for a whole standard."),
  regional("securityhub.amazonaws.com", "UpdateStandardsControl", "Can disable one control so it stops failing."),
  regional(
    "securityhub.amazonaws.com",
    "BatchUpdateStandardsControlAssociations",
    "Can disable controls in standards (consolidated controls API).",
  ),
  regional("securityhub.amazonaws.com", "DisassociateMembers", "Administrator drops member accounts from Security Hub."),
  regional("securityhub.amazonaws.com", "DeleteMembers", "Administrator removes member accounts from Security Hub."),
  regional("securityhub.amazonaws.com", "DisassociateFromMasterAccount", "Member leaves the Security Hub administrator."),
  regional("securityhub.amazonaws.com", "DisassociateFromAdministratorAccount", "Current name of DisassociateFromMasterAccount."),
  regional("config.amazonaws.com", "StopConfigurationRecorder", "Stops AWS Config recording (CIS 4.9)."),
  regional("config.amazonaws.com", "DeleteConfigurationRecorder", "Removes AWS Config recording (CIS 4.9)."),
  regional("config.amazonaws.com", "DeleteDeliveryChannel", "AWS Config keeps recording but delivers nothing."),
  regional("access-analyzer.amazonaws.com", "DeleteAnalyzer", "Removes IAM Access Analyzer: external access stops being reported."),
  regional("ec2.amazonaws.com", "DeleteFlowLogs", "Removes VPC network logging."),
  regional("organizations.amazonaws.com", "LeaveOrganization", "Account leaves the organisation and its guardrails."),

  // Identity and credentials (CIS 4.4)
  iam("CreateAccessKey", "New long-lived credentials; a persistence technique."),
  iam("CreateUser", "New IAM user outside the usual provisioning path."),
  iam("CreateLoginProfile", "Gives a user a console password; a persistence technique."),
  iam("UpdateLoginProfile", "Resets a console password, possibly taking over the user."),
  iam("AttachUserPolicy", "Grants managed-policy permissions to a user."),
  iam("AttachRolePolicy", "Grants managed-policy permissions to a role."),
  iam("AttachGroupPolicy", "Grants managed-policy permissions to a group."),
  iam("PutUserPolicy", "Inline policy on a user."),
  iam("PutRolePolicy", "Inline policy on a role."),
  iam("PutGroupPolicy", "Inline policy on a group."),
  iam("CreatePolicyVersion", "Rewrites a managed policy (privilege escalation if set as default)."),
  iam("SetDefaultPolicyVersion", "Switches a managed policy to another, possibly broader, version."),
  iam("UpdateAssumeRolePolicy", "Changes who may assume a role, e.g. an outside account."),
  iam("AddUserToGroup", "Gives a user a group's permissions."),
  iam("DeactivateMFADevice", "Removes MFA from a user."),
  iam("DeleteVirtualMFADevice", "Removes an MFA device."),
  iam("UpdateAccountPasswordPolicy", "Can weaken the password policy."),
  iam("DeleteAccountPasswordPolicy", "Drops the password policy to AWS defaults."),

  // Network exposure (CIS 4.10)
  regional("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", "Opens inbound access, e.g. 0.0.0.0/0 to 22 or 3389."),
  regional("ec2.amazonaws.com", "RevokeSecurityGroupIngress", "Security group change; part of the CIS 4.10 change alarm."),
  regional("ec2.amazonaws.com", "ModifyInstanceAttribute", "Can swap security groups or replace user data on an instance."),
  regional("ec2.amazonaws.com", "ModifySnapshotAttribute", "Can share an EBS snapshot publicly or with another account."),
  regional("ec2.amazonaws.com", "DisableEbsEncryptionByDefault", "New volumes stop being encrypted."),

  // Data exposure (CIS 4.8); S3 Control account-level calls are also recorded as s3.amazonaws.com.
  regional("s3.amazonaws.com", "PutBucketPolicy", "Can make a bucket public or grant another account."),
  regional("s3.amazonaws.com", "DeleteBucketPolicy", "Removes restrictions such as TLS-only or VPC-only access."),
  regional("s3.amazonaws.com", "PutBucketAcl", "ACL grants, including AllUsers / AuthenticatedUsers."),
  regional("s3.amazonaws.com", "PutBucketPublicAccessBlock", "Can turn bucket-level Block Public Access off."),
  regional("s3.amazonaws.com", "DeleteBucketPublicAccessBlock", "Turns bucket-level Block Public Access off."),
  regional("s3.amazonaws.com", "PutAccountPublicAccessBlock", "Can turn account-level Block Public Access off."),
  regional("s3.amazonaws.com", "DeleteAccountPublicAccessBlock", "Turns account-level Block Public Access off."),

  // Encryption keys (CIS 4.7)
  regional("kms.amazonaws.com", "DisableKey", "Data encrypted with the key becomes unreadable."),
  regional("kms.amazonaws.com", "ScheduleKeyDeletion", "Key and everything it protects is lost after the waiting period."),
  regional("kms.amazonaws.com", "PutKeyPolicy", "Can grant key use to other principals or accounts."),
];
