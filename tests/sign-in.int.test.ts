import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { authenticateLocalUser } from "@/lib/auth/authenticate-local-user";
import { IP_FREE_FAILURES, PAIR_FREE_FAILURES } from "@/lib/auth/sign-in-throttle";
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

const rows = async (email: string) =>
  (
    await database.pool.query<{ action: string; ip: string | null; detail: Record<string, unknown> }>(
      "SELECT action, ip, detail FROM audit_log WHERE actor_email = $1 ORDER BY id",
      [email],
    )
  ).rows;
const actions = async (email: string) => (await rows(email)).map((row) => row.action);

/** Past failures written straight into the log (it is append-only, so time cannot be moved back). */
async function pastFailures(email: string, ip: string, count: number, secondsAgo: number) {
  await database.pool.query(
    `INSERT INTO audit_log (actor_email, action, ip, at) SELECT $1, 'auth.login-failed', $2, now() - make_interval(secs => $4) FROM generate_series(1, $3)`,
    [email, ip, count, secondsAgo],
  );
}

describe("authenticateLocalUser", () => {
  test("accepts the right password, refuses a wrong one and an unknown email, and audits each with the address", async () => {
    expect(await authenticateLocalUser("analyst@example.com", "the-right-password", "10.0.0.1")).toMatchObject({
      email: "analyst@example.com",
    });
    expect(await authenticateLocalUser("analyst@example.com", "wrong", "10.0.0.1")).toBeNull();
    expect(await authenticateLocalUser("nobody@example.com", "whatever", "10.0.0.2")).toBeNull();
    expect(await rows("analyst@example.com")).toMatchObject([
      { action: "auth.login", ip: "10.0.0.1" },
      { action: "auth.login-failed", ip: "10.0.0.1" },
    ]);
    expect(await actions("nobody@example.com")).toEqual(["auth.login-failed"]);
  });

  test("weakness 2: failures from an attacker's address do not lock the owner out of their own", async () => {
    const email = "target@example.com";
    await createLocalUser(database.pool, { email, role: "viewer", password: "correct-password-1" }, "test");
    for (let attempt = 0; attempt < 10; attempt++) await authenticateLocalUser(email, `guess-${attempt}`, "203.0.113.9");
    // The attacker's own address is held back after five failures, even with the right password...
    expect(await authenticateLocalUser(email, "correct-password-1", "203.0.113.9")).toBeNull();
    const log = await rows(email);
    expect(log.slice(0, PAIR_FREE_FAILURES).map((row) => row.action)).toEqual(Array(PAIR_FREE_FAILURES).fill("auth.login-failed"));
    expect(log.slice(PAIR_FREE_FAILURES).map((row) => row.action)).toEqual(Array(11 - PAIR_FREE_FAILURES).fill("auth.login-throttled"));
    expect(log.at(-1)).toMatchObject({ ip: "203.0.113.9", detail: { reason: "email-ip" } });
    // ...while the owner, from another address, gets in at once (the old lock refused this).
    expect(await authenticateLocalUser(email, "correct-password-1", "198.51.100.7")).toMatchObject({ email });
    expect((await rows(email)).at(-1)).toMatchObject({ action: "auth.login", ip: "198.51.100.7" });
  });

  test("many failures for an e-mail from many addresses only delay the owner briefly, audited", async () => {
    const email = "sprayed@example.com";
    await createLocalUser(database.pool, { email, role: "viewer", password: "correct-password-2" }, "test");
    // 12 failures from 12 different addresses: no address reaches its own limit.
    for (let host = 1; host <= 12; host++) await pastFailures(email, `192.0.2.${host}`, 1, 60);
    expect(await authenticateLocalUser(email, "correct-password-2", "198.51.100.8")).toMatchObject({ email });
    expect((await rows(email)).slice(-2)).toMatchObject([
      { action: "auth.login-delayed", detail: { delayMs: 1000 } },
      { action: "auth.login", ip: "198.51.100.8" },
    ]);
  });

  test("per (e-mail, IP) the wait grows: 30 s after the fifth failure, 60 s after the sixth", async () => {
    const email = "analyst@example.com";
    const ip = "203.0.113.20";
    await pastFailures(email, ip, PAIR_FREE_FAILURES, 40);
    // Five failures, the last 40 s ago: the 30 s wait is over, the password is checked.
    expect(await authenticateLocalUser(email, "wrong-again", ip)).toBeNull();
    expect((await actions(email)).at(-1)).toBe("auth.login-failed");
    // Six failures, the last just now: 60 s to wait.
    expect(await authenticateLocalUser(email, "the-right-password", ip)).toBeNull();
    expect((await rows(email)).at(-1)).toMatchObject({
      action: "auth.login-throttled",
      detail: { reason: "email-ip", retryAfterSeconds: 60 },
    });
  });

  test("failures older than the 15-minute window no longer count", async () => {
    const email = "old@example.com";
    await createLocalUser(database.pool, { email, role: "viewer", password: "correct-password-3" }, "test");
    await pastFailures(email, "203.0.113.30", 30, 16 * 60);
    expect(await authenticateLocalUser(email, "correct-password-3", "203.0.113.30")).toMatchObject({ email });
    expect((await actions(email)).at(-1)).toBe("auth.login");
  });

  test("password spraying: one address failing across many e-mails is held back, other addresses are not", async () => {
    const sprayer = "203.0.113.66";
    for (let index = 0; index < IP_FREE_FAILURES; index++) await pastFailures(`user${index}@example.com`, sprayer, 1, 5);
    expect(await authenticateLocalUser("analyst@example.com", "the-right-password", sprayer)).toBeNull();
    expect((await rows("analyst@example.com")).at(-1)).toMatchObject({
      action: "auth.login-throttled",
      ip: sprayer,
      detail: { reason: "ip" },
    });
    expect(await authenticateLocalUser("analyst@example.com", "the-right-password", "10.0.0.1")).toMatchObject({
      email: "analyst@example.com",
    });
  });
});
