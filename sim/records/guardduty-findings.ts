import type { Rng } from "../prng";
import { stableHex } from "../prng";
import type { Inventory } from "./inventory";
import type { GuardDutyFinding } from "./region-data";

/**
 * GuardDuty findings in the native (camelCase wire) shape seen in the samples
 * (resource.instanceDetails / accessKeyDetails / s3BucketDetails, service.action.*).
 */

interface TypeProfile {
  severity: number;
  resource: "instance" | "access-key" | "bucket" | "attack-sequence";
  action: "port-probe" | "ssh-inbound" | "dns" | "api-call" | "tor-outbound" | "none";
  title: (target: string) => string;
  api?: string;
  apiService?: string;
  userType?: "Root" | "IAMUser" | "AssumedRole";
  domain?: string;
}

export const GUARDDUTY_TYPES: Record<string, TypeProfile> = {
  "Policy:IAMUser/RootCredentialUsage": {
    severity: 2,
    resource: "access-key",
    action: "api-call",
    api: "ListBuckets",
    apiService: "s3.amazonaws.com",
    userType: "Root",
    title: () => "API ListBuckets was invoked using root credentials.",
  },
  "UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B": {
    severity: 5,
    resource: "access-key",
    action: "api-call",
    api: "ConsoleLogin",
    apiService: "signin.amazonaws.com",
    userType: "IAMUser",
    title: (u) => `Unusual console login by ${u} was seen.`,
  },
  "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS": {
    severity: 8,
    resource: "access-key",
    action: "api-call",
    api: "DescribeInstances",
    apiService: "ec2.amazonaws.com",
    userType: "AssumedRole",
    title: () => "Credentials for instance role used from an external IP address.",
  },
  "Stealth:IAMUser/CloudTrailLoggingDisabled": {
    severity: 2,
    resource: "access-key",
    action: "api-call",
    api: "StopLogging",
    apiService: "cloudtrail.amazonaws.com",
    userType: "IAMUser",
    title: () => "AWS CloudTrail trail org-management-events was disabled.",
  },
  "Policy:S3/BucketBlockPublicAccessDisabled": {
    severity: 2,
    resource: "bucket",
    action: "api-call",
    api: "DeleteBucketPublicAccessBlock",
    apiService: "s3.amazonaws.com",
    userType: "IAMUser",
    title: (b) => `Amazon S3 Block Public Access was disabled for S3 bucket ${b}.`,
  },
  "Policy:S3/BucketAnonymousAccessGranted": {
    severity: 8,
    resource: "bucket",
    action: "api-call",
    api: "PutBucketPolicy",
    apiService: "s3.amazonaws.com",
    userType: "IAMUser",
    title: (b) => `Amazon S3 bucket ${b} is publicly accessible by anonymous users.`,
  },
  "Recon:EC2/PortProbeUnprotectedPort": {
    severity: 2,
    resource: "instance",
    action: "port-probe",
    title: (i) => `Unprotected port on EC2 instance ${i} is being probed.`,
  },
  "UnauthorizedAccess:EC2/SSHBruteForce": {
    severity: 5,
    resource: "instance",
    action: "ssh-inbound",
    title: (i) => `SSH brute force attacks against ${i}.`,
  },
  "CryptoCurrency:EC2/BitcoinTool.B!DNS": {
    severity: 8,
    resource: "instance",
    action: "dns",
    domain: "pool.minexmr.example",
    title: (i) => `EC2 instance ${i} is querying a domain name that is associated with Bitcoin-related activity.`,
  },
  "Backdoor:EC2/C&CActivity.B!DNS": {
    severity: 8,
    resource: "instance",
    action: "dns",
    domain: "c2.badhost.example",
    title: (i) => `Command and Control server domain name queried by EC2 instance ${i}.`,
  },
  "Recon:EC2/Portscan": {
    severity: 5,
    resource: "instance",
    action: "tor-outbound",
    title: (i) => `EC2 instance ${i} is performing outbound port scans against remote hosts.`,
  },
  "Behavior:EC2/NetworkPortUnusual": {
    severity: 5,
    resource: "instance",
    action: "tor-outbound",
    title: (i) => `EC2 instance ${i} is communicating on an unusual server port 9001.`,
  },
  "Recon:IAMUser/MaliciousIPCaller": {
    severity: 5,
    resource: "access-key",
    action: "api-call",
    api: "ListRoles",
    apiService: "iam.amazonaws.com",
    userType: "IAMUser",
    title: () => "Reconnaissance API ListRoles was invoked from a known malicious IP address.",
  },
  "AttackSequence:IAM/CompromisedCredentials": {
    severity: 9,
    resource: "attack-sequence",
    action: "none",
    title: () => "Potential credential compromise indicated by a sequence of actions.",
  },
};

/** Noise every detector sees now and then, whatever the account's posture. */
export const BACKGROUND_TYPES = ["Recon:EC2/Portscan", "Behavior:EC2/NetworkPortUnusual", "Recon:IAMUser/MaliciousIPCaller"];

const REMOTE_PLACES = [
  { ip: "198.51.100.23", country: "Netherlands", city: "Amsterdam", org: "ExampleHost BV", asn: "64501" },
  { ip: "203.0.113.77", country: "Brazil", city: "Sao Paulo", org: "Example Telecom", asn: "64502" },
  { ip: "192.0.2.145", country: "Russia", city: "Moscow", org: "Example Networks", asn: "64503" },
  { ip: "198.51.100.190", country: "China", city: "Shanghai", org: "Example Cloud", asn: "64504" },
];

function remoteIpDetails(rng: Rng): Record<string, unknown> {
  const place = rng.pick(REMOTE_PLACES);
  return {
    ipAddressV4: place.ip,
    organization: { asn: place.asn, asnOrg: place.org.toUpperCase(), isp: place.org, org: place.org },
    country: { countryName: place.country },
    city: { cityName: place.city },
    geoLocation: { lat: rng.int(-60, 60) + 0.5, lon: rng.int(-120, 120) + 0.25 },
  };
}

export interface GuardDutyFindingInput {
  seed: string;
  accountId: string;
  region: string;
  detectorId: string;
  inventory: Inventory;
  type: string;
  /** Distinguishes several findings of one type. */
  ordinal: number | string;
  createdMs: number;
  updatedMs: number;
  count: number;
  archived: boolean;
  rng: Rng;
}

export function guardDutyFindingId(seed: string, accountId: string, region: string, type: string, ordinal: number | string): string {
  return stableHex(`${seed}:gd:${accountId}:${region}:${type}:${ordinal}`, 32);
}

export function buildGuardDutyFinding(input: GuardDutyFindingInput): GuardDutyFinding {
  const profile = GUARDDUTY_TYPES[input.type];
  if (!profile) throw new Error(`unknown GuardDuty type ${input.type}`);
  const { rng, inventory, accountId, region } = input;
  const id = guardDutyFindingId(input.seed, accountId, region, input.type, input.ordinal);
  const iso = (ms: number) => new Date(ms).toISOString();
  let resource: Record<string, unknown>;
  let target: string;
  if (profile.resource === "instance" && inventory.instances.length > 0) {
    const instance = rng.pick(inventory.instances);
    const sg = inventory.securityGroups.find((g) => g.vpcId === instance.vpcId) ?? inventory.securityGroups[0];
    target = instance.id;
    resource = {
      resourceType: "Instance",
      instanceDetails: {
        instanceId: instance.id,
        instanceType: instance.type,
        instanceState: "running",
        imageId: instance.imageId,
        availabilityZone: `${region}a`,
        launchTime: iso(input.createdMs - 86_400_000 * 30),
        platform: null,
        tags: [{ key: "Name", value: instance.name }],
        networkInterfaces: [
          {
            networkInterfaceId: `eni-${stableHex(`${instance.id}:eni`, 17)}`,
            privateIpAddress: instance.privateIp,
            publicIp: instance.publicIp,
            subnetId: instance.subnetId,
            vpcId: instance.vpcId,
            securityGroups: sg ? [{ groupId: sg.id, groupName: sg.name }] : [],
          },
        ],
      },
    };
  } else if (profile.resource === "bucket" && inventory.buckets.length > 0) {
    const bucket = rng.pick(inventory.buckets);
    target = bucket;
    resource = {
      resourceType: "S3Bucket",
      accessKeyDetails: {
        accessKeyId: `AKIA${stableHex(`${accountId}:deployer`, 16).toUpperCase()}`,
        principalId: `AIDA${stableHex(`${accountId}:deployer:p`, 16).toUpperCase()}`,
        userName: "deployer",
        userType: "IAMUser",
      },
      s3BucketDetails: [
        {
          arn: `arn:aws:s3:::${bucket}`,
          name: bucket,
          type: "Destination",
          // A timestamp member in the model, so epoch seconds on the wire (unlike the finding-level strings).
          createdAt: (input.createdMs - 86_400_000 * 200) / 1000,
          owner: { id: stableHex(`${accountId}:canonical`, 64) },
          publicAccess: {
            effectivePermission: "PUBLIC",
            permissionConfiguration: {
              bucketLevelPermissions: {
                blockPublicAccess: {
                  ignorePublicAcls: false,
                  restrictPublicBuckets: false,
                  blockPublicAcls: false,
                  blockPublicPolicy: false,
                },
              },
            },
          },
        },
      ],
    };
  } else if (profile.resource === "attack-sequence") {
    target = accountId;
    resource = { resourceType: "AttackSequence" };
  } else {
    const userName = profile.userType === "Root" ? "Root" : rng.pick(inventory.iamUsers.length > 0 ? inventory.iamUsers : ["deployer"]);
    target = userName;
    resource = {
      resourceType: "AccessKey",
      accessKeyDetails: {
        accessKeyId: `${profile.userType === "AssumedRole" ? "ASIA" : "AKIA"}${stableHex(`${accountId}:${userName}:key`, 16).toUpperCase()}`,
        principalId: profile.userType === "Root" ? accountId : `AIDA${stableHex(`${accountId}:${userName}:principal`, 16).toUpperCase()}`,
        userName,
        userType: profile.userType ?? "IAMUser",
      },
    };
  }
  let action: Record<string, unknown> | undefined;
  switch (profile.action) {
    case "port-probe":
      action = {
        actionType: "PORT_PROBE",
        portProbeAction: {
          blocked: false,
          portProbeDetails: [{ localPortDetails: { port: 22, portName: "SSH" }, remoteIpDetails: remoteIpDetails(rng) }],
        },
      };
      break;
    case "ssh-inbound":
      action = {
        actionType: "NETWORK_CONNECTION",
        networkConnectionAction: {
          blocked: false,
          connectionDirection: "INBOUND",
          protocol: "TCP",
          localPortDetails: { port: 22, portName: "SSH" },
          remotePortDetails: { port: rng.int(32768, 60999), portName: "Unknown" },
          remoteIpDetails: remoteIpDetails(rng),
        },
      };
      break;
    case "tor-outbound":
      action = {
        actionType: "NETWORK_CONNECTION",
        networkConnectionAction: {
          blocked: false,
          connectionDirection: "OUTBOUND",
          protocol: "TCP",
          localPortDetails: { port: rng.int(32768, 60999), portName: "Unknown" },
          remotePortDetails: { port: 9001, portName: "Unknown" },
          remoteIpDetails: remoteIpDetails(rng),
        },
      };
      break;
    case "dns":
      action = {
        actionType: "DNS_REQUEST",
        dnsRequestAction: { domain: profile.domain ?? "example.invalid", protocol: "UDP", blocked: false },
      };
      break;
    case "api-call":
      action = {
        actionType: "AWS_API_CALL",
        awsApiCallAction: {
          api: profile.api ?? "Unknown",
          serviceName: profile.apiService ?? "unknown.amazonaws.com",
          callerType: "Remote IP",
          remoteIpDetails: remoteIpDetails(rng),
          affectedResources: {},
        },
      };
      break;
    case "none":
      action = undefined;
      break;
  }
  const title = profile.title(target);
  const service: GuardDutyFinding["service"] = {
    archived: input.archived,
    count: input.count,
    detectorId: input.detectorId,
    eventFirstSeen: iso(input.createdMs - 60_000),
    eventLastSeen: iso(input.updatedMs),
    resourceRole: profile.action === "tor-outbound" ? "ACTOR" : "TARGET",
    serviceName: "guardduty",
    additionalInfo: { value: "{}", type: "default" },
  };
  if (action) service.action = action;
  if (profile.resource === "attack-sequence") service.featureName = "Correlation";
  return {
    accountId,
    arn: `arn:aws:guardduty:${region}:${accountId}:detector/${input.detectorId}/finding/${id}`,
    createdAt: iso(input.createdMs),
    description: `${title} This finding was generated by the Parapet AWS simulator.`,
    id,
    partition: "aws",
    region,
    resource,
    schemaVersion: "2.0",
    service,
    severity: profile.severity,
    title,
    type: input.type,
    updatedAt: iso(input.updatedMs),
  };
}
