import type { Rng } from "../prng";
import { stableHex, stableUuid } from "../prng";
import type { Inventory } from "./inventory";
import type { CloudTrailEventRecord } from "./region-data";

/** CloudTrail management-event records, in the shape of samples/cloudtrail (eventVersion 1.08). */

export type Actor =
  | { kind: "root" }
  | { kind: "user"; userName: string }
  | { kind: "role"; roleName: string; sessionName: string }
  | { kind: "service"; service: string };

export interface EventSpec {
  eventName: string;
  eventSource: string;
  readOnly: boolean;
  actor: Actor;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown>;
  resources?: Array<{ ResourceType: string; ResourceName: string }>;
  errorCode?: string;
  errorMessage?: string;
  eventType?: "AwsApiCall" | "AwsConsoleSignIn" | "AwsServiceEvent";
}

const SOURCE_IPS = ["203.0.113.10", "198.51.100.42", "192.0.2.201", "203.0.113.99"];
const USER_AGENTS = [
  "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.amzn.2",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Boto3/1.34.70 md/Botocore#1.34.70 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.12.2",
  "aws-sdk-js/3.600.0 ua/2.1 os/linux#6.1.0 lang/js md/nodejs#20.19.0 api/cloudtrail#3.600.0",
];

const hexMemo = new Map<string, string>();

/** Identity ids repeat across thousands of events; hashing them once keeps generation cheap. */
function identityHex(key: string): string {
  let value = hexMemo.get(key);
  if (value === undefined) {
    if (hexMemo.size > 100_000) hexMemo.clear();
    value = stableHex(key, 16).toUpperCase();
    hexMemo.set(key, value);
  }
  return value;
}

function userIdentity(
  accountId: string,
  actor: Actor,
  sessionStartMs: number,
): { identity: Record<string, unknown>; username: string | null; accessKeyId: string | null } {
  switch (actor.kind) {
    case "root": {
      const accessKeyId = `ASIA${identityHex(`${accountId}:root-console`)}`;
      return {
        identity: { type: "Root", principalId: accountId, arn: `arn:aws:iam::${accountId}:root`, accountId, accessKeyId },
        username: "root",
        accessKeyId,
      };
    }
    case "user": {
      const accessKeyId = `AKIA${identityHex(`${accountId}:${actor.userName}:key`)}`;
      return {
        identity: {
          type: "IAMUser",
          principalId: `AIDA${identityHex(`${accountId}:${actor.userName}:principal`)}`,
          arn: `arn:aws:iam::${accountId}:user/${actor.userName}`,
          accountId,
          accessKeyId,
          userName: actor.userName,
        },
        username: actor.userName,
        accessKeyId,
      };
    }
    case "role": {
      const roleId = `AROA${identityHex(`${accountId}:${actor.roleName}:role`)}`;
      const accessKeyId = `ASIA${identityHex(`${accountId}:${actor.roleName}:${actor.sessionName}`)}`;
      return {
        identity: {
          type: "AssumedRole",
          principalId: `${roleId}:${actor.sessionName}`,
          arn: `arn:aws:sts::${accountId}:assumed-role/${actor.roleName}/${actor.sessionName}`,
          accountId,
          accessKeyId,
          sessionContext: {
            sessionIssuer: {
              type: "Role",
              principalId: roleId,
              arn: `arn:aws:iam::${accountId}:role/${actor.roleName}`,
              accountId,
              userName: actor.roleName,
            },
            attributes: { creationDate: new Date(sessionStartMs).toISOString(), mfaAuthenticated: "false" },
          },
        },
        username: actor.sessionName,
        accessKeyId,
      };
    }
    case "service":
      return { identity: { type: "AWSService", invokedBy: actor.service }, username: null, accessKeyId: null };
  }
}

export function buildEvent(input: {
  seed: string;
  accountId: string;
  region: string;
  spec: EventSpec;
  timeMs: number;
  key: string;
  rng: Rng;
}): CloudTrailEventRecord {
  const { spec, accountId, region, rng } = input;
  const eventId = stableUuid(`${input.seed}:event:${accountId}:${region}:${input.key}`);
  const sessionStartMs = input.timeMs - 600_000;
  const { username, accessKeyId } = userIdentity(accountId, spec.actor, sessionStartMs);
  const actor = spec.actor;
  // Drawn now so the seeded stream advances the same way whether or not the record is ever read.
  const sourceIPAddress = actor.kind === "service" ? actor.service : rng.pick(SOURCE_IPS);
  const userAgent = actor.kind === "service" ? actor.service : rng.pick(USER_AGENTS);
  const timeMs = input.timeMs;
  // The full record is rebuilt on demand: holding hundreds of thousands of them would dominate memory.
  const buildRecord = (): Record<string, unknown> => {
    const record: Record<string, unknown> = {
      eventVersion: "1.08",
      userIdentity: userIdentity(accountId, actor, sessionStartMs).identity,
      eventTime: new Date(timeMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
      eventSource: spec.eventSource,
      eventName: spec.eventName,
      awsRegion: region,
      sourceIPAddress,
      userAgent,
    };
    if (spec.errorCode) {
      record.errorCode = spec.errorCode;
      record.errorMessage = spec.errorMessage ?? spec.errorCode;
    }
    record.requestParameters = spec.requestParameters ?? null;
    record.responseElements = spec.responseElements ?? null;
    if (spec.additionalEventData) record.additionalEventData = spec.additionalEventData;
    // Derived from the event id rather than hashed again: unique per event, and generation-cheap.
    const compact = eventId.replace(/-/g, "");
    const rotated = compact.slice(7) + compact.slice(0, 7);
    record.requestID = `${rotated.slice(0, 8)}-${rotated.slice(8, 12)}-${rotated.slice(12, 16)}-${rotated.slice(16, 20)}-${rotated.slice(20, 32)}`;
    record.eventID = eventId;
    record.readOnly = spec.readOnly;
    if (spec.resources && spec.resources.length > 0) {
      record.resources = spec.resources.map((r) => ({ ARN: r.ResourceName, accountId, type: r.ResourceType }));
    }
    record.eventType = spec.eventType ?? "AwsApiCall";
    record.managementEvent = true;
    record.recipientAccountId = accountId;
    record.eventCategory = "Management";
    return record;
  };
  return {
    eventId,
    eventName: spec.eventName,
    eventSource: spec.eventSource,
    eventTimeMs: Math.floor(timeMs / 1000) * 1000,
    username,
    accessKeyId,
    readOnly: spec.readOnly,
    resources: spec.resources ?? [],
    get record() {
      return buildRecord();
    },
  };
}

/** Everyday activity; regional APIs in every region, IAM/sign-in in the home region only. */
export function backgroundEventSpec(rng: Rng, inventory: Inventory, isHomeRegion: boolean, options: { mfaForUsers: boolean }): EventSpec {
  const user = inventory.iamUsers.length > 0 ? rng.pick(inventory.iamUsers) : "deployer";
  const collector: Actor = { kind: "role", roleName: "ParapetReadOnly", sessionName: "parapet-collector" };
  const ci: Actor = { kind: "role", roleName: "ci-deploy", sessionName: `build-${rng.int(1000, 9999)}` };
  const roll = rng.next();
  if (isHomeRegion && roll < 0.08) {
    return {
      eventName: "ConsoleLogin",
      eventSource: "signin.amazonaws.com",
      readOnly: false,
      actor: { kind: "user", userName: user },
      eventType: "AwsConsoleSignIn",
      responseElements: { ConsoleLogin: "Success" },
      additionalEventData: {
        LoginTo: "https://console.aws.amazon.com/console/home",
        MobileVersion: "No",
        MFAUsed: options.mfaForUsers ? "Yes" : "No",
      },
    };
  }
  if (isHomeRegion && roll < 0.1) {
    return {
      eventName: "ConsoleLogin",
      eventSource: "signin.amazonaws.com",
      readOnly: false,
      actor: { kind: "user", userName: user },
      eventType: "AwsConsoleSignIn",
      errorMessage: "Failed authentication",
      responseElements: { ConsoleLogin: "Failure" },
      additionalEventData: { LoginTo: "https://console.aws.amazon.com/console/home", MobileVersion: "No", MFAUsed: "No" },
    };
  }
  if (isHomeRegion && roll < 0.16) {
    return { eventName: "ListUsers", eventSource: "iam.amazonaws.com", readOnly: true, actor: collector, requestParameters: null };
  }
  const instance = inventory.instances.length > 0 ? rng.pick(inventory.instances) : null;
  const options2: EventSpec[] = [
    {
      eventName: "DescribeInstances",
      eventSource: "ec2.amazonaws.com",
      readOnly: true,
      actor: collector,
      requestParameters: { instancesSet: {}, filterSet: {} },
    },
    {
      eventName: "DescribeSecurityGroups",
      eventSource: "ec2.amazonaws.com",
      readOnly: true,
      actor: collector,
      requestParameters: { securityGroupSet: {}, filterSet: {} },
    },
    {
      eventName: "ListBuckets",
      eventSource: "s3.amazonaws.com",
      readOnly: true,
      actor: { kind: "user", userName: user },
      requestParameters: { Host: "s3.amazonaws.com" },
    },
    {
      eventName: "GetFindings",
      eventSource: "securityhub.amazonaws.com",
      readOnly: true,
      actor: collector,
      requestParameters: { maxResults: 100 },
    },
    {
      eventName: "LookupEvents",
      eventSource: "cloudtrail.amazonaws.com",
      readOnly: true,
      actor: collector,
      requestParameters: { maxResults: 50 },
    },
    {
      eventName: "GetParameter",
      eventSource: "ssm.amazonaws.com",
      readOnly: true,
      actor: ci,
      requestParameters: { name: "/app/config", withDecryption: true },
    },
    {
      eventName: "Decrypt",
      eventSource: "kms.amazonaws.com",
      readOnly: true,
      actor: { kind: "service", service: "ssm.amazonaws.com" },
      requestParameters: { encryptionAlgorithm: "SYMMETRIC_DEFAULT" },
    },
    {
      eventName: "CreateTags",
      eventSource: "ec2.amazonaws.com",
      readOnly: false,
      actor: ci,
      requestParameters: {
        resourcesSet: { items: [{ resourceId: instance?.id ?? "i-0" }] },
        tagSet: { items: [{ key: "deployed-by", value: "ci" }] },
      },
      resources: instance ? [{ ResourceType: "AWS::EC2::Instance", ResourceName: instance.id }] : [],
    },
    {
      eventName: "RunInstances",
      eventSource: "ec2.amazonaws.com",
      readOnly: false,
      actor: ci,
      requestParameters: {
        instanceType: instance?.type ?? "t3.micro",
        minCount: 1,
        maxCount: 1,
        metadataOptions: { httpTokens: "required" },
      },
      responseElements: { instancesSet: { items: [{ instanceId: instance?.id ?? "i-0" }] } },
      resources: instance ? [{ ResourceType: "AWS::EC2::Instance", ResourceName: instance.id }] : [],
    },
    {
      eventName: "AssumeRole",
      eventSource: "sts.amazonaws.com",
      readOnly: true,
      actor: { kind: "service", service: "ec2.amazonaws.com" },
      requestParameters: { roleArn: "arn:aws:iam::role/app-instance-role", roleSessionName: instance?.id ?? "i-0" },
    },
  ];
  return rng.pick(options2);
}

/** The events that show one flaw being introduced, per flaw-catalogue cloudTrailEvents. */
export function flawEventSpecs(flawKey: string, accountId: string, region: string, inventory: Inventory, rng: Rng): EventSpec[] {
  const user: Actor = { kind: "user", userName: inventory.iamUsers[0] ?? "deployer" };
  const bucket = inventory.buckets[0] ?? "bucket";
  const sg = inventory.securityGroups[0];
  const defaultSg = inventory.defaultSecurityGroups[0];
  const instance = inventory.instances[0];
  const ingress = (groupId: string, protocol: string, port: number) => ({
    groupId,
    ipPermissions: { items: [{ ipProtocol: protocol, fromPort: port, toPort: port, ipRanges: { items: [{ cidrIp: "0.0.0.0/0" }] } }] },
  });
  switch (flawKey) {
    case "root-access-key":
      return [
        {
          eventName: "CreateAccessKey",
          eventSource: "iam.amazonaws.com",
          readOnly: false,
          actor: { kind: "root" },
          requestParameters: null,
          responseElements: { accessKey: { accessKeyId: `AKIA${identityHex(`${accountId}:root-key`)}`, status: "Active", createDate: "" } },
        },
      ];
    case "no-root-mfa":
      return [
        {
          eventName: "ConsoleLogin",
          eventSource: "signin.amazonaws.com",
          readOnly: false,
          actor: { kind: "root" },
          eventType: "AwsConsoleSignIn",
          responseElements: { ConsoleLogin: "Success" },
          additionalEventData: { LoginTo: "https://console.aws.amazon.com/console/home", MobileVersion: "No", MFAUsed: "No" },
        },
      ];
    case "console-users-no-mfa":
      return [
        {
          eventName: "ConsoleLogin",
          eventSource: "signin.amazonaws.com",
          readOnly: false,
          actor: user,
          eventType: "AwsConsoleSignIn",
          responseElements: { ConsoleLogin: "Success" },
          additionalEventData: { LoginTo: "https://console.aws.amazon.com/console/home", MobileVersion: "No", MFAUsed: "No" },
        },
      ];
    case "no-password-policy":
      return [
        {
          eventName: "DeleteAccountPasswordPolicy",
          eventSource: "iam.amazonaws.com",
          readOnly: false,
          actor: user,
          requestParameters: null,
        },
      ];
    case "admin-wildcard-policy":
      return [
        {
          eventName: "CreatePolicy",
          eventSource: "iam.amazonaws.com",
          readOnly: false,
          actor: user,
          requestParameters: {
            policyName: "LegacyAdmin",
            policyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
          },
          resources: [{ ResourceType: "AWS::IAM::Policy", ResourceName: `arn:aws:iam::${accountId}:policy/LegacyAdmin` }],
        },
      ];
    case "public-bucket":
      return [
        {
          eventName: "DeleteBucketPublicAccessBlock",
          eventSource: "s3.amazonaws.com",
          readOnly: false,
          actor: user,
          requestParameters: { bucketName: bucket, publicAccessBlock: "" },
          resources: [{ ResourceType: "AWS::S3::Bucket", ResourceName: bucket }],
        },
        {
          eventName: "PutBucketPolicy",
          eventSource: "s3.amazonaws.com",
          readOnly: false,
          actor: user,
          requestParameters: {
            bucketName: bucket,
            bucketPolicy: {
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/*` }],
            },
          },
          resources: [{ ResourceType: "AWS::S3::Bucket", ResourceName: bucket }],
        },
      ];
    case "bucket-no-tls":
      return [
        {
          eventName: "DeleteBucketEncryption",
          eventSource: "s3.amazonaws.com",
          readOnly: false,
          actor: user,
          requestParameters: { bucketName: bucket, encryption: "" },
          resources: [{ ResourceType: "AWS::S3::Bucket", ResourceName: bucket }],
        },
      ];
    case "open-ssh":
      return sg
        ? [
            {
              eventName: "AuthorizeSecurityGroupIngress",
              eventSource: "ec2.amazonaws.com",
              readOnly: false,
              actor: user,
              requestParameters: ingress(sg.id, "tcp", 22),
              responseElements: { _return: true },
              resources: [{ ResourceType: "AWS::EC2::SecurityGroup", ResourceName: sg.id }],
            },
          ]
        : [];
    case "default-sg-open":
      return defaultSg
        ? [
            {
              eventName: "AuthorizeSecurityGroupIngress",
              eventSource: "ec2.amazonaws.com",
              readOnly: false,
              actor: user,
              requestParameters: ingress(defaultSg.id, "-1", -1),
              responseElements: { _return: true },
              resources: [{ ResourceType: "AWS::EC2::SecurityGroup", ResourceName: defaultSg.id }],
            },
          ]
        : [];
    case "unencrypted-ebs":
      return [
        {
          eventName: "DisableEbsEncryptionByDefault",
          eventSource: "ec2.amazonaws.com",
          readOnly: false,
          actor: user,
          requestParameters: { DisableEbsEncryptionByDefaultRequest: "" },
          responseElements: { DisableEbsEncryptionByDefaultResponse: { ebsEncryptionByDefault: false } },
        },
      ];
    case "no-flow-logs":
      return [
        {
          eventName: "DeleteFlowLogs",
          eventSource: "ec2.amazonaws.com",
          readOnly: false,
          actor: user,
          requestParameters: {
            DeleteFlowLogsRequest: { FlowLogId: { tag: 1, content: `fl-${stableHex(`${accountId}:${region}:fl`, 17)}` } },
          },
        },
      ];
    case "imdsv1":
      return instance
        ? [
            {
              eventName: "ModifyInstanceMetadataOptions",
              eventSource: "ec2.amazonaws.com",
              readOnly: false,
              actor: user,
              requestParameters: { ModifyInstanceMetadataOptionsRequest: { InstanceId: instance.id, HttpTokens: "optional" } },
              resources: [{ ResourceType: "AWS::EC2::Instance", ResourceName: instance.id }],
            },
          ]
        : [];
    case "unpatched-instances":
      return instance
        ? [
            {
              eventName: "DeleteAssociation",
              eventSource: "ssm.amazonaws.com",
              readOnly: false,
              actor: user,
              requestParameters: { name: "AWS-RunPatchBaseline", instanceId: instance.id },
            },
          ]
        : [];
    case "rds-unencrypted":
    case "rds-public": {
      const db = inventory.rdsInstances[0];
      if (!db) return [];
      return flawKey === "rds-public"
        ? [
            {
              eventName: "ModifyDBInstance",
              eventSource: "rds.amazonaws.com",
              readOnly: false,
              actor: user,
              requestParameters: { dBInstanceIdentifier: db, publiclyAccessible: true, applyImmediately: true },
              resources: [{ ResourceType: "AWS::RDS::DBInstance", ResourceName: db }],
            },
          ]
        : [
            {
              eventName: "CreateDBInstance",
              eventSource: "rds.amazonaws.com",
              readOnly: false,
              actor: user,
              requestParameters: { dBInstanceIdentifier: db, engine: "postgres", storageEncrypted: false, publiclyAccessible: false },
              resources: [{ ResourceType: "AWS::RDS::DBInstance", ResourceName: db }],
            },
          ];
    }
    case "kms-no-rotation": {
      const key = inventory.kmsKeys[0];
      return key
        ? [
            {
              eventName: "DisableKeyRotation",
              eventSource: "kms.amazonaws.com",
              readOnly: false,
              actor: user,
              requestParameters: { keyId: key },
              resources: [{ ResourceType: "AWS::KMS::Key", ResourceName: `arn:aws:kms:${region}:${accountId}:key/${key}` }],
            },
          ]
        : [];
    }
    case "no-trail":
      return [
        {
          eventName: "DeleteTrail",
          eventSource: "cloudtrail.amazonaws.com",
          readOnly: false,
          actor: user,
          requestParameters: { name: inventory.trailName },
        },
      ];
    case "trail-stopped":
      return [
        {
          eventName: "StopLogging",
          eventSource: "cloudtrail.amazonaws.com",
          readOnly: false,
          actor: user,
          requestParameters: { name: `arn:aws:cloudtrail:${region}:${accountId}:trail/${inventory.trailName}` },
          resources: [
            {
              ResourceType: "AWS::CloudTrail::Trail",
              ResourceName: `arn:aws:cloudtrail:${region}:${accountId}:trail/${inventory.trailName}`,
            },
          ],
        },
      ];
    case "trail-weak":
      return [
        {
          eventName: "UpdateTrail",
          eventSource: "cloudtrail.amazonaws.com",
          readOnly: false,
          actor: user,
          requestParameters: { name: inventory.trailName, enableLogFileValidation: false, kmsKeyId: "" },
        },
      ];
    case "guardduty-off":
      return [
        {
          eventName: "DeleteDetector",
          eventSource: "guardduty.amazonaws.com",
          readOnly: false,
          actor: user,
          requestParameters: { detectorId: stableHex(`${accountId}:${region}:old-detector`, 32) },
        },
      ];
    case "securityhub-off":
      return [
        { eventName: "DisableSecurityHub", eventSource: "securityhub.amazonaws.com", readOnly: false, actor: user, requestParameters: {} },
      ];
    case "config-off":
      return [
        {
          eventName: "StopConfigurationRecorder",
          eventSource: "config.amazonaws.com",
          readOnly: false,
          actor: user,
          requestParameters: { configurationRecorderName: "default" },
        },
      ];
    case "waf-empty": {
      const acl = inventory.webAcls[0];
      return acl
        ? [
            {
              eventName: "UpdateWebACL",
              eventSource: "wafv2.amazonaws.com",
              readOnly: false,
              actor: user,
              requestParameters: { name: acl, scope: "REGIONAL", rules: [] },
            },
          ]
        : [];
    }
    default:
      void rng;
      return [];
  }
}
