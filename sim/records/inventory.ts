import { createRng, stableHex } from "../prng";
import type { SimAccount } from "../types";

/**
 * The resources one account has in one region. Control findings are evaluated per
 * resource and GuardDuty/CloudTrail records reference the same ids, which is what makes
 * a flaw traceable across sources.
 */
export interface Inventory {
  buckets: string[];
  securityGroups: Array<{ id: string; name: string; vpcId: string }>;
  defaultSecurityGroups: Array<{ id: string; vpcId: string }>;
  instances: Array<{
    id: string;
    type: string;
    imageId: string;
    privateIp: string;
    publicIp: string;
    vpcId: string;
    subnetId: string;
    name: string;
  }>;
  vpcs: string[];
  rdsInstances: string[];
  kmsKeys: string[];
  webAcls: string[];
  recoveryPoints: string[];
  iamUsers: string[];
  iamPolicies: string[];
  trailName: string;
}

const USER_NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "oscar"];
const INSTANCE_TYPES = ["t3.micro", "t3.medium", "m5.large", "c5.xlarge", "r6g.large"];
const APP_NAMES = ["web", "api", "worker", "batch", "bastion", "db-proxy", "cache", "ingest"];

export function buildInventory(seed: string, account: SimAccount, region: string, isHomeRegion: boolean): Inventory {
  const rng = createRng(`${seed}:inventory:${account.id}:${region}`);
  // A flaw must have a resource to show on, so flawed accounts always own at least one.
  const atLeastOneIf = (flaws: string[]) => (flaws.some((f) => account.flaws.includes(f)) ? 1 : 0);
  const hex = (label: string, length: number) => stableHex(`${seed}:${account.id}:${region}:${label}`, length);
  const vpcCount = rng.int(1, 3);
  const vpcs = Array.from({ length: vpcCount }, (_, i) => `vpc-${hex(`vpc${i}`, 17)}`);
  const instanceCount = rng.int(2, 8);
  const instances = Array.from({ length: instanceCount }, (_, i) => {
    const vpcId = vpcs[i % vpcs.length] as string;
    return {
      id: `i-${hex(`instance${i}`, 17)}`,
      type: rng.pick(INSTANCE_TYPES),
      imageId: `ami-${hex(`ami${i % 3}`, 17)}`,
      privateIp: `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(4, 250)}`,
      publicIp: `${rng.pick([3, 18, 34, 52, 54])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
      vpcId,
      subnetId: `subnet-${hex(`subnet${i % 4}`, 17)}`,
      name: `${account.name}-${rng.pick(APP_NAMES)}-${i + 1}`,
    };
  });
  return {
    buckets: Array.from(
      { length: rng.int(2, 6) },
      (_, i) => `${account.name}-${region}-${["assets", "logs", "exports", "backups", "uploads", "reports"][i] ?? `data${i}`}`,
    ),
    securityGroups: Array.from({ length: rng.int(2, 5) }, (_, i) => ({
      id: `sg-${hex(`sg${i}`, 17)}`,
      name: `${rng.pick(APP_NAMES)}-sg-${i + 1}`,
      vpcId: vpcs[i % vpcs.length] as string,
    })),
    defaultSecurityGroups: vpcs.map((vpcId, i) => ({ id: `sg-${hex(`default-sg${i}`, 17)}`, vpcId })),
    instances,
    vpcs,
    rdsInstances: Array.from(
      { length: rng.int(atLeastOneIf(["rds-public", "rds-unencrypted"]), 3) },
      (_, i) => `${account.name}-db-${i + 1}`,
    ),
    kmsKeys: Array.from({ length: rng.int(1, 3) }, (_, i) => {
      const h = hex(`kms${i}`, 32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    }),
    webAcls: Array.from({ length: rng.int(atLeastOneIf(["waf-empty"]), 2) }, (_, i) => `${account.name}-acl-${i + 1}`),
    recoveryPoints: Array.from({ length: rng.int(atLeastOneIf(["backup-unencrypted"]), 3) }, (_, i) => hex(`rp${i}`, 24)),
    iamUsers: isHomeRegion ? rng.shuffle(USER_NAMES).slice(0, rng.int(2, 6)) : [],
    iamPolicies: isHomeRegion ? ["AppDeployPolicy", "ReadOnlyExtras", "LegacyAdmin"].slice(0, rng.int(1, 3)) : [],
    trailName: "org-management-events",
  };
}
