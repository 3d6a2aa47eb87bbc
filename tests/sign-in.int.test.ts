import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { authenticateLocalUser, MAX_FAILED_SIGN_INS } from "@/lib/auth/authenticate-local-user";
import { createLocalUser } from "@/lib/data/users/create-local-user";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/** Local sign-in against a real database: audit trail and throttling of password guessing. */
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await createLocalUser(database.pool, { email: "analyst@example.com", role: "analyst", password: "the-right-password" }, "test");
});
afterAll(async () => {
  await database?.drop();
});

const actions = async (email: string) =>
  (await database.pool.query<{ action: string }>("SELECT action FROM audit_log WHERE actor_email = $1 ORDER BY id", [email])).rows.map((row) => row.action);

describe("authenticateLocalUser", () => {
  test("accepts the right password, refuses a wrong one and an unknown email, and audits each", async () => {
    expect(await authenticateLocalUser("analyst@example.com", "the-right-password", "10.0.0.1")).toMatchObject({ email: "analyst@example.com" });
    expect(await authenticateLocalUser("analyst@example.com", "wrong", "10.0.0.1")).toBeNull();
    expect(await authenticateLocalUser("nobody@example.com", "whatever", null)).toBeNull();
    expect(await actions("analyst@example.com")).toEqual(["auth.login", "auth.login-failed"]);
    expect(await actions("nobody@example.com")).toEqual(["auth.login-failed"]);
  });

  test(`after ${MAX_FAILED_SIGN_INS} failures the right password is refused too, until the window passes`, async () => {
    const email = "target@example.com";
    await createLocalUser(database.pool, { email, role: "viewer", password: "correct-password-1" }, "test");
    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS; attempt++) {
      expect(await authenticateLocalUser(email, `guess-${attempt}`, "203.0.113.9")).toBeNull();
    }
    expect(await authenticateLocalUser(email, "correct-password-1", "198.51.100.7")).toBeNull();
    expect((await actions(email)).at(-1)).toBe("auth.login-throttled");
    // Failures older than the 15-minute window no longer count.
    await database.pool.query("UPDATE audit_log SET at = at - interval '16 minutes' WHERE actor_email = $1", [email]);
    expect(await authenticateLocalUser(email, "correct-password-1", "198.51.100.7")).toMatchObject({ email });
  });
});
