import { createHash } from "node:crypto";

/**
 * Seeded randomness. Everything the simulator generates must be reproducible from the
 * seed, so nothing here (or anywhere in sim/) touches Math.random.
 */

/** 32-bit hash of a string key, used to derive independent PRNG streams per account/region. */
export function hashToUint32(key: string): number {
  const digest = createHash("sha256").update(key).digest();
  return digest.readUInt32LE(0);
}

/** Hex digest of the key; stable ids (finding ids, event ids) come from this. */
export function stableHex(key: string, length = 32): string {
  let out = "";
  let counter = 0;
  while (out.length < length) {
    out += createHash("sha256").update(`${key}#${counter}`).digest("hex");
    counter += 1;
  }
  return out.slice(0, length);
}

/** RFC 4122-shaped (version 4 layout) id derived from the key, so it is deterministic. */
export function stableUuid(key: string): string {
  const h = stableHex(key, 32);
  const variant = ((parseInt(h[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** Fisher-Yates on a copy. */
  shuffle<T>(items: readonly T[]): T[];
}

/** mulberry32: small, fast and good enough for test data. */
export function createRng(key: string): Rng {
  let state = hashToUint32(key);
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error("pick from empty list");
      return items[int(0, items.length - 1)] as T;
    },
    chance: (p: number) => next() < p,
    shuffle<T>(items: readonly T[]): T[] {
      const copy = items.slice();
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = int(0, i);
        const tmp = copy[i] as T;
        copy[i] = copy[j] as T;
        copy[j] = tmp;
      }
      return copy;
    },
  };
}
