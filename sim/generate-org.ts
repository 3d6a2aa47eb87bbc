import { createRng, stableHex } from "./prng";
import { EXCLUSIVE_FLAWS, FLAWS, type FlawDefinition } from "./records/flaw-catalogue";
import type { Posture, SimAccount, SimOrg, SimOrganizationalUnit } from "./types";

const ENVIRONMENTS = ["prod", "staging", "dev", "shared", "sandbox", "test", "security", "data"] as const;
const DOMAINS = [
  "payments",
  "web",
  "api",
  "identity",
  "logging",
  "analytics",
  "billing",
  "search",
  "mobile",
  "ml",
  "platform",
  "network",
  "audit",
  "backup",
  "reporting",
  "ledger",
  "checkout",
  "catalog",
  "media",
  "support",
] as const;

/**
 * Postures for the first twelve accounts, so the default org always spans the whole range
 * and tests can rely on it; larger orgs continue with a seeded weighted draw.
 */
const FIRST_POSTURES: Posture[] = [
  "good",
  "exemplary",
  "average",
  "weak",
  "good",
  "neglected",
  "average",
  "exemplary",
  "weak",
  "average",
  "good",
  "neglected",
];

const POSTURE_FLAW_BUDGET: Record<Posture, [number, number]> = {
  exemplary: [0, 0],
  good: [1, 2],
  average: [3, 5],
  weak: [6, 9],
  neglected: [11, 15],
};

function drawPosture(rng: ReturnType<typeof createRng>): Posture {
  const roll = rng.next();
  if (roll < 0.15) return "exemplary";
  if (roll < 0.45) return "good";
  if (roll < 0.75) return "average";
  if (roll < 0.92) return "weak";
  return "neglected";
}

function pickFlaws(posture: Posture, rng: ReturnType<typeof createRng>): string[] {
  const [min, max] = POSTURE_FLAW_BUDGET[posture];
  const target = rng.int(min, max);
  if (target === 0) return [];
  // Good accounts only slip on hygiene; the worse the posture, the more serious flaws are in play.
  const eligible: FlawDefinition[] = FLAWS.filter((f) => (posture === "good" ? f.weight === 1 : true));
  // Weak and neglected accounts lean towards serious flaws, with enough jitter that they differ.
  const leansSerious = posture === "neglected" || posture === "weak";
  const ordered = eligible
    .map((f) => ({ f, key: (leansSerious ? f.weight : 0) + rng.next() * 2.5 }))
    .sort((a, b) => b.key - a.key)
    .map((entry) => entry.f);
  const chosen: string[] = [];
  for (const candidate of ordered) {
    if (chosen.length >= target) break;
    const clash = EXCLUSIVE_FLAWS.some((group) => group.includes(candidate.key) && group.some((k) => chosen.includes(k)));
    if (!clash) chosen.push(candidate.key);
  }
  return chosen.sort();
}

function accountId(rng: ReturnType<typeof createRng>, used: Set<string>): string {
  for (;;) {
    const id = `${rng.int(1, 9)}${String(rng.int(0, 99999)).padStart(5, "0")}${String(rng.int(0, 999999)).padStart(6, "0")}`;
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

/**
 * The OU tree every generated org has (a common landing-zone layout, two and three levels
 * deep), by path of names. Accounts land by their environment and domain, so an org of any
 * size spreads over several OUs and scopes by OU have something to select.
 */
const OU_PATHS = [
  ["Security"],
  ["Infrastructure"],
  ["Workloads"],
  ["Workloads", "Prod"],
  ["Workloads", "Prod", "PCI"],
  ["Workloads", "NonProd"],
  ["Sandbox"],
] as const;
const PCI_DOMAINS: ReadonlySet<string> = new Set(["payments", "billing", "ledger", "checkout"]);

function ouPathFor(name: string): readonly string[] {
  const [environment, domain] = name.split("-");
  switch (environment) {
    case "security":
      return ["Security"];
    case "shared":
    case "data":
      return ["Infrastructure"];
    case "prod":
      return PCI_DOMAINS.has(domain ?? "") ? ["Workloads", "Prod", "PCI"] : ["Workloads", "Prod"];
    case "staging":
    case "dev":
    case "test":
      return ["Workloads", "NonProd"];
    case "sandbox":
      return ["Sandbox"];
    default:
      return [];
  }
}

function buildOrganizationalUnits(seed: string, rootId: string): { units: SimOrganizationalUnit[]; byPath: Map<string, string> } {
  const rootPart = rootId.slice(2);
  const units: SimOrganizationalUnit[] = [];
  const byPath = new Map<string, string>([["", rootId]]);
  for (const path of OU_PATHS) {
    const key = path.join("/");
    const id = `ou-${rootPart}-${stableHex(`${seed}:ou:${key}`, 8)}`;
    units.push({
      id,
      name: path[path.length - 1]!,
      parentId: byPath.get(path.slice(0, -1).join("/"))!,
      tags: { "ou-owner": `${path[0]!.toLowerCase()}-leads` },
    });
    byPath.set(key, id);
  }
  return { units, byPath };
}

/** Account tags as an organisation keeps them: mostly complete, sometimes missing a key. */
function accountTags(seed: string, id: string, name: string, index: number): Record<string, string> {
  const rng = createRng(`${seed}:tags:${id}`);
  const [environment, domain] = name.split("-");
  const tags: Record<string, string> = {};
  if (index === 0) return { environment: "management", team: "cloud-platform" };
  if (environment) tags.environment = environment;
  if (domain && rng.next() < 0.85) tags.team = domain;
  tags["cost-center"] = `cc-${100 + rng.int(0, 5) * 10}`;
  if (rng.next() < 0.3) tags["data-classification"] = rng.pick(["public", "internal", "confidential", "restricted"] as const);
  return tags;
}

export interface GenerateOrgInput {
  seed: string;
  accounts: number;
  regions: string[];
  delegatedAdmin: boolean;
  aggregationRegion: boolean;
}

/** Deterministic organisation: same seed, count and regions give the same org byte for byte. */
export function generateOrg(input: GenerateOrgInput): SimOrg {
  const rng = createRng(`${input.seed}:org`);
  const used = new Set<string>();
  const names = new Set<string>();
  const accounts: SimAccount[] = [];
  for (let index = 0; index < input.accounts; index += 1) {
    const id = accountId(rng, used);
    let name = index === 0 ? "management" : `${rng.pick(ENVIRONMENTS)}-${rng.pick(DOMAINS)}`;
    if (names.has(name)) name = `${name}-${index}`;
    names.add(name);
    const posture = FIRST_POSTURES[index] ?? drawPosture(rng);
    const flaws = pickFlaws(posture, createRng(`${input.seed}:flaws:${id}`));
    accounts.push({
      id,
      name,
      email: `aws+${name}@example.com`,
      roleArn: `arn:aws:iam::${id}:role/ParapetReadOnly`,
      externalId: `parapet-${stableHex(`${input.seed}:external-id:${id}`, 24)}`,
      regions: [...input.regions],
      posture,
      flaws,
      services: {
        guardduty: !flaws.includes("guardduty-off"),
        securityhub: !flaws.includes("securityhub-off"),
        cloudtrail: !flaws.includes("no-trail"),
      },
      parentId: "",
      tags: accountTags(input.seed, id, name, index),
    });
  }
  // A separate seeded stream, so the OU tree leaves the accounts above exactly as they were.
  const rootId = `r-${stableHex(`${input.seed}:root-id`, 4)}`;
  const { units, byPath } = buildOrganizationalUnits(input.seed, rootId);
  for (const [index, account] of accounts.entries()) {
    account.parentId = index === 0 ? rootId : byPath.get(ouPathFor(account.name).join("/"))!;
  }
  const management = accounts[0];
  if (!management) throw new Error("the simulated organisation needs at least one account");
  // The delegated administrator is a dedicated, well-run security account, as AWS recommends.
  let delegatedAdminAccountId: string | null = null;
  if (input.delegatedAdmin) {
    const candidate = accounts.find((a, i) => i > 0 && a.services.guardduty && a.services.securityhub) ?? management;
    delegatedAdminAccountId = candidate.id;
  }
  return {
    seed: input.seed,
    regions: [...input.regions],
    managementAccountId: management.id,
    organizationId: `o-${stableHex(`${input.seed}:org-id`, 10)}`,
    rootId,
    organizationalUnits: units,
    delegatedAdminAccountId,
    aggregationRegion: input.aggregationRegion ? (input.regions[0] ?? null) : null,
    accounts,
  };
}
