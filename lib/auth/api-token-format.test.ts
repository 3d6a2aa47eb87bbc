import { describe, expect, test } from "vitest";
import { generateApiToken, hashApiToken, readBearerToken, ZApiTokenText } from "@/lib/auth/api-token-format";

describe("API token format", () => {
  test("a generated token has the prefix, 43 base64url characters, and is stored as its SHA-256", () => {
    const { token, hash, hint } = generateApiToken();
    expect(token).toMatch(/^parapet_[A-Za-z0-9_-]{43}$/);
    expect(ZApiTokenText.safeParse(token).success).toBe(true);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashApiToken(token));
    expect(hash).not.toContain(token.slice(8));
    expect(hint).toBe(token.slice(0, 12));
    expect(generateApiToken().token).not.toBe(token);
  });

  test("SHA-256 of a known token, worked out with sha256sum", () => {
    // printf 'parapet_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' | sha256sum
    expect(hashApiToken(`parapet_${"A".repeat(43)}`)).toBe("e4a7612995b5c3f3abc92fb0530fb388424a0b1fbb71972515b1bf53bbaee5e1");
  });

  test("reads a Bearer header; a malformed one is refused, a missing one is no credentials", () => {
    const token = `parapet_${"a".repeat(43)}`;
    expect(readBearerToken(`Bearer ${token}`)).toBe(token);
    expect(readBearerToken(`bearer ${token}`)).toBe(token);
    expect(readBearerToken(null)).toBeUndefined();
    expect(readBearerToken("")).toBeUndefined();
    expect(readBearerToken(`Basic ${token}`)).toBeNull();
    expect(readBearerToken("Bearer parapet_short")).toBeNull();
    expect(readBearerToken(`Bearer ${token}x`)).toBeNull();
    expect(readBearerToken(`Bearer ${token} extra`)).toBeNull();
    expect(readBearerToken(`Bearer other_${"a".repeat(43)}`)).toBeNull();
  });
});
