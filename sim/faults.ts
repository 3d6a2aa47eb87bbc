import { createRng, type Rng } from "./prng";
import type { FaultKind, FaultSpec } from "./types";

export const FAULT_KINDS: readonly FaultKind[] = [
  "throttle",
  "access-denied",
  "service-disabled",
  "server-error",
  "slow",
  "drop-connection",
  "expire-credentials",
];

interface ActiveFault {
  spec: FaultSpec;
  fired: number;
}

/** Validates an untrusted fault (from the admin endpoint or CLI); returns a reason when invalid. */
export function validateFault(value: unknown): { ok: true; fault: FaultSpec } | { ok: false; reason: string } {
  if (!value || typeof value !== "object" || Array.isArray(value)) return { ok: false, reason: "a fault must be an object" };
  const raw = value as Record<string, unknown>;
  if (!FAULT_KINDS.includes(raw.kind as FaultKind)) return { ok: false, reason: `kind must be one of ${FAULT_KINDS.join(", ")}` };
  const fault: FaultSpec = { kind: raw.kind as FaultKind };
  for (const key of ["accountId", "region", "service", "operation"] as const) {
    if (raw[key] === undefined || raw[key] === null || raw[key] === "" || raw[key] === "*") continue;
    if (typeof raw[key] !== "string") return { ok: false, reason: `${key} must be a string` };
    fault[key] = raw[key] as string;
  }
  for (const key of ["probability", "count", "delayMs"] as const) {
    if (raw[key] === undefined || raw[key] === null) continue;
    if (typeof raw[key] !== "number" || !Number.isFinite(raw[key]) || (raw[key] as number) < 0)
      return { ok: false, reason: `${key} must be a non-negative number` };
    fault[key] = raw[key] as number;
  }
  if (fault.probability !== undefined && fault.probability > 1) return { ok: false, reason: "probability must be between 0 and 1" };
  return { ok: true, fault };
}

/** Parses the CLI form kind:account:region:service:operation (empty or * = any). */
export function parseFaultFlag(text: string): FaultSpec {
  const [kind, accountId, region, service, operation] = text.split(":");
  const result = validateFault({ kind, accountId, region, service, operation });
  if (!result.ok) throw new Error(`invalid --fault "${text}": ${result.reason}`);
  return result.fault;
}

/**
 * Injected failures. Probability draws come from a seeded stream so a test run with the
 * same faults fails the same requests.
 */
export class FaultEngine {
  private faults: ActiveFault[] = [];
  private rng: Rng;

  constructor(seed: string) {
    this.rng = createRng(`${seed}:faults`);
  }

  set(faults: FaultSpec[]): void {
    this.faults = faults.map((spec) => ({ spec, fired: 0 }));
  }

  clear(): void {
    this.faults = [];
  }

  list(): Array<FaultSpec & { fired: number }> {
    return this.faults.map((f) => ({ ...f.spec, fired: f.fired }));
  }

  /** The first matching fault that fires for this request, if any. */
  pick(request: { accountId: string; region: string; service: string; operation: string }): FaultSpec | null {
    for (const fault of this.faults) {
      const { spec } = fault;
      if (spec.accountId && spec.accountId !== request.accountId) continue;
      if (spec.region && spec.region !== request.region) continue;
      if (spec.service && spec.service !== request.service) continue;
      if (spec.operation && spec.operation !== request.operation) continue;
      if (spec.count !== undefined && fault.fired >= spec.count) continue;
      if (!this.rng.chance(spec.probability ?? 1)) continue;
      fault.fired += 1;
      return spec;
    }
    return null;
  }
}
