import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";

/**
 * API tokens are `parapet_` + 32 random bytes in base64url (256 bits). The prefix makes a
 * leaked token recognisable (secret scanners, log greps); the randomness makes a plain
 * SHA-256 the right thing to store (no salt or slow hash needed: nothing to brute-force).
 */
export const API_TOKEN_PREFIX = "parapet_";
export const ZApiTokenText = z.string().regex(/^parapet_[A-Za-z0-9_-]{43}$/);
/** Characters of the token kept in the clear to tell tokens apart in the list (16 random bits: useless to an attacker). */
const HINT_LENGTH = API_TOKEN_PREFIX.length + 4;

export function generateApiToken(): { token: string; hash: string; hint: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashApiToken(token), hint: token.slice(0, HINT_LENGTH) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * The token of an `Authorization: Bearer <token>` header; undefined without the header;
 * null when the header is there but is not a well-formed Parapet bearer token (refused,
 * never treated as "no credentials").
 */
export function readBearerToken(header: string | null): string | null | undefined {
  if (header === null || header.trim() === "") return undefined;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (!match || !ZApiTokenText.safeParse(match[1]).success) return null;
  return match[1]!;
}
