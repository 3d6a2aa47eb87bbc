import { describe, expect, test } from "vitest";
import { DUMMY_PASSWORD_HASH, generatePassword, hashPassword, parsePasswordHash, verifyPassword } from "@/lib/auth/password";

describe("passwords", () => {
  test("a hash verifies its password and no other, and is salted", async () => {
    const first = await hashPassword("correct horse battery");
    const second = await hashPassword("correct horse battery");
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword("correct horse battery", first)).toBe(true);
    expect(await verifyPassword("correct horse batterx", first)).toBe(false);
  });

  test("a malformed stored hash never verifies", async () => {
    expect(await verifyPassword("x", "plain-text")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$1$2$3$4$5")).toBe(false);
  });

  test("the dummy hash for unknown e-mails runs the same full scrypt as a real one (weakness 1: timing)", async () => {
    const real = parsePasswordHash(await hashPassword("any password at all"));
    const dummy = parsePasswordHash(DUMMY_PASSWORD_HASH);
    // The old dummy had 5 $-fields: it did not parse, so verifyPassword returned before scrypt.
    expect(dummy).not.toBeNull();
    expect({ n: dummy!.n, r: dummy!.r, p: dummy!.p, salt: dummy!.salt.length, hash: dummy!.hash.length }).toEqual({
      n: real!.n,
      r: real!.r,
      p: real!.p,
      salt: real!.salt.length,
      hash: real!.hash.length,
    });
    expect(await verifyPassword("", DUMMY_PASSWORD_HASH)).toBe(false);
    expect(await verifyPassword("any password at all", DUMMY_PASSWORD_HASH)).toBe(false);
  });

  test("generated passwords are 20 characters without look-alikes", () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
    for (const password of passwords) expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
  });
});
