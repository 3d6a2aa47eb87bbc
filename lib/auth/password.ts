import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Local-account passwords: scrypt (N=2^15, r=8, p=1; the OWASP minimum), 16-byte salt,
 * stored as `scrypt$N$r$p$salt$hash` so the parameters can be raised later without
 * breaking existing hashes. Node's own crypto: no native add-on to build.
 */
const N = 32768;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ["scrypt", N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/**
 * Verified against when the e-mail is unknown (or has no password, an SSO user), so such a
 * sign-in costs the same full scrypt as a real one and timing does not tell which e-mails
 * exist. It must parse like a stored hash: a malformed one would return before scrypt runs.
 * The hash of 32 random bytes nobody kept; no password verifies against it.
 */
export const DUMMY_PASSWORD_HASH = "scrypt$32768$8$1$IKeC63SELiairxKbGuxq4w$BA7Cz2zR4cIYKCuVLZeOLUs49kmk4BWwm9jMcasLr2k";

export interface ParsedPasswordHash {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/** A stored hash's parameters, or null when it is not one `verifyPassword` would run scrypt for. */
export function parsePasswordHash(stored: string): ParsedPasswordHash | null {
  const fields = stored.split("$");
  if (fields.length !== 6) return null;
  const [scheme, n, r, p, salt, hash] = fields as [string, string, string, string, string, string];
  if (scheme !== "scrypt" || !/^\d+$/.test(n) || !/^\d+$/.test(r) || !/^\d+$/.test(p) || !salt || !hash) return null;
  return { n: Number(n), r: Number(r), p: Number(p), salt: Buffer.from(salt, "base64url"), hash: Buffer.from(hash, "base64url") };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.n, parsed.r, parsed.p);
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}

/** A random password for the demo's admin: 20 characters, no look-alikes. */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(20);
  return [...bytes].map((byte) => alphabet[byte % alphabet.length]).join("");
}
