import { describe, expect, test } from "vitest";
import { contentSecurityPolicy, createNonce } from "./content-security-policy";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split("; ").map((directive) => {
      const [name, ...values] = directive.split(" ");
      return [name!, values];
    }),
  );
}

describe("contentSecurityPolicy", () => {
  test("scripts need the request's nonce; no inline scripts, no eval in production", () => {
    const policy = directives(contentSecurityPolicy("AAAAAAAAAAAAAAAAAAAAAA==", false));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-AAAAAAAAAAAAAAAAAAAAAA=='", "'strict-dynamic'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
  });

  test("development allows eval for React's dev build, and nothing else more", () => {
    const dev = directives(contentSecurityPolicy("AAAAAAAAAAAAAAAAAAAAAA==", true));
    const prod = directives(contentSecurityPolicy("AAAAAAAAAAAAAAAAAAAAAA==", false));
    expect(dev.get("script-src")).toEqual([...prod.get("script-src")!, "'unsafe-eval'"]);
    dev.delete("script-src");
    prod.delete("script-src");
    expect(dev).toEqual(prod);
  });

  test("refuses a nonce that could break out of the header", () => {
    expect(() => contentSecurityPolicy("abc'; script-src *", false)).toThrow(/nonce/);
    expect(() => contentSecurityPolicy("short", false)).toThrow(/nonce/);
  });
});

describe("createNonce", () => {
  test("is 128 random bits in base64 and differs per call", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(() => contentSecurityPolicy(nonce, false)).not.toThrow();
    }
  });
});
