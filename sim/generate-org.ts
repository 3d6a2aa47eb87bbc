import { createRng, stableHex } from "./prng";
import { EXCLUSIVE_FLAWS, FLAWS, type FlawDefinition } from "./records/flaw-catalogue";
import type { Posture, SimAccount, SimOrg } from "./types";

const ENVIRONMENTS = ["prod", "staging", "dev", "shared", "sandbox", "test", "security", "data"] as const;
const DOMAINS = [
  "payments", "web", "api", "identity", "logging", "analytics", "billing", "search", "mobile", "ml",
  "platform", "network", "audit", "backup", "reporting", "ledger", "checkout", "catalog", "media", "support",
] as const;

/**
 * Postures for the first twelve accounts, so the default org always spans the whole range
 * and tests can rely on it; larger orgs continue with a seeded weighted draw.
 */
const FIRST_POSTURES: Posture[] = [
  "good", "exemplary", "average", "weak", "good", "neglected",
  "average", "exemplary", "weak", "average", "good", "neglected",
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
    });
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
    delegatedAdminAccountId,
    aggregationRegion: input.aggregationRegion ? (input.regions[0] ?? null) : null,
    accounts,
  };
}
