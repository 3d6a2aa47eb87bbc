import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createRequire } from "node:module";
import { encode } from "next-auth/jwt";
import { buildAuthOptions } from "@/lib/auth/config";
import { resolveSessionUser } from "@/lib/auth/resolve-session-user";
import { createLocalUser } from "@/lib/data/users/create-local-user";
import { endSession } from "@/lib/data/users/end-session";
import { endUserSessions } from "@/lib/data/users/end-user-sessions";
import type { SessionUser } from "@/lib/auth";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * Weakness 3: sign-out must end the session server-side. Sessions are issued through
 * next-auth's own jwt callback and checked the way every request checks them; next-auth's
 * real session endpoint (AuthHandler, what /api/auth/session runs) must not renew one
 * that has ended.
 */
// next-auth's request handler (what /api/auth/[...nextauth] runs); its package exports do not list it.
const { AuthHandler } = createRequire(import.meta.url)("../node_modules/next-auth/core/index.js") as {
  AuthHandler: (params: {
    req: Record<string, unknown>;
    options: unknown;
  }) => Promise<{ body?: unknown; cookies?: Array<{ name: string; value: string }> }>;
};

const SECRET = "a-test-secret-that-is-at-least-32-characters-long";
let database: TestDatabase;
let userId: string;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.NEXTAUTH_URL = "http://localhost:3000";
  process.env.PARAPET_SESSION_MAX_HOURS = "12";
  // createTestDatabase points lib/env at the new database, which also re-reads these settings.
  database = await createTestDatabase();
  await createLocalUser(database.pool, { email: "analyst@example.com", role: "analyst", password: "the-right-password" }, "test");
  userId = (await database.pool.query<{ id: string }>("SELECT id FROM users WHERE email = 'analyst@example.com'")).rows[0]!.id;
});
afterAll(async () => {
  await database?.drop();
});

/** A token exactly as next-auth's sign-in makes it: the jwt callback with the signed-in user. */
async function signIn(): Promise<Record<string, unknown>> {
  const version = (await database.pool.query<{ v: number }>("SELECT session_version AS v FROM users WHERE id = $1", [userId])).rows[0]!.v;
  const jwt = buildAuthOptions().callbacks!.jwt!;
  return (await jwt({
    token: {},
    user: { id: userId, email: "analyst@example.com", name: null, sessionVersion: version } as never,
    account: null,
  })) as Record<string, unknown>;
}

/** GET /api/auth/session through next-auth's own handler, with the token as the session cookie. */
async function sessionEndpoint(token: Record<string, unknown>) {
  const cookie = await encode({ token, secret: SECRET });
  const response = await AuthHandler({
    req: {
      method: "GET",
      action: "session",
      cookies: { "next-auth.session-token": cookie },
      headers: { host: "localhost:3000" },
      query: {},
      body: {},
    },
    options: buildAuthOptions(),
  });
  const setCookies = (response.cookies ?? []).filter((entry) => entry.name === "next-auth.session-token");
  return { body: response.body as Record<string, unknown>, setCookies };
}

describe("sessions end server-side", () => {
  test("a live session is accepted and renewed by /api/auth/session", async () => {
    const token = await signIn();
    expect(await resolveSessionUser(token)).toMatchObject({ id: userId, email: "analyst@example.com", role: "analyst" });
    const { body, setCookies } = await sessionEndpoint(token);
    expect(body).toMatchObject({ user: { email: "analyst@example.com" } });
    expect(setCookies).toHaveLength(1);
    expect(setCookies[0]!.value).not.toBe("");
  });

  test("after sign-out the saved cookie is refused, and /api/auth/session clears it instead of renewing it", async () => {
    const token = await signIn();
    const other = await signIn();
    await endSession(token);
    expect(await resolveSessionUser(token)).toBeNull();
    const { body, setCookies } = await sessionEndpoint(token);
    expect(body).toEqual({});
    expect(setCookies.map((entry) => entry.value)).toEqual([""]);
    // Only that session ended: another browser stays signed in.
    expect(await resolveSessionUser(other)).toMatchObject({ id: userId });
    const audit = await database.pool.query("SELECT action, target, detail FROM audit_log WHERE action = 'auth.logout'");
    expect(audit.rows).toEqual([{ action: "auth.logout", target: "analyst@example.com", detail: { sessionId: token.sid } }]);
  });

  test("sign out everywhere ends every session of the user, and a new sign-in works", async () => {
    const first = await signIn();
    const second = await signIn();
    const actor = (await resolveSessionUser(first)) as SessionUser;
    await endUserSessions(actor, userId);
    expect(await resolveSessionUser(first)).toBeNull();
    expect(await resolveSessionUser(second)).toBeNull();
    expect((await sessionEndpoint(second)).body).toEqual({});
    expect(await resolveSessionUser(await signIn())).toMatchObject({ id: userId });
    const audit = await database.pool.query("SELECT actor_email, action, target FROM audit_log WHERE action = 'auth.logout-everywhere'");
    expect(audit.rows).toEqual([{ actor_email: "analyst@example.com", action: "auth.logout-everywhere", target: "analyst@example.com" }]);
  });

  test("a session past its absolute maximum age is refused however recently it was used", async () => {
    const token = await signIn();
    const old = { ...token, authAt: Math.floor(Date.now() / 1000) - 12 * 3600 - 1 };
    expect(await resolveSessionUser(old)).toBeNull();
    expect((await sessionEndpoint(old)).body).toEqual({});
    expect(await resolveSessionUser({ ...token, authAt: Math.floor(Date.now() / 1000) - 12 * 3600 + 60 })).not.toBeNull();
  });

  test("a disabled user's sessions end; a token without session claims (issued before this change) is refused", async () => {
    const token = await signIn();
    await database.pool.query("UPDATE users SET disabled = true WHERE id = $1", [userId]);
    expect(await resolveSessionUser(token)).toBeNull();
    await database.pool.query("UPDATE users SET disabled = false WHERE id = $1", [userId]);
    expect(await resolveSessionUser(token)).not.toBeNull();
    expect(await resolveSessionUser({ sub: userId })).toBeNull();
  });

  test("the session's user carries the role and the account scope stored now, re-read on every request", async () => {
    const token = await signIn();
    expect((await resolveSessionUser(token))?.scope).toEqual({ all: false, accountIds: [], tags: [], ouIds: [] });
    await database.pool.query(
      `UPDATE users SET account_scope = '{111111111111,222222222222}', scope_tags = '[{"key":"team","value":"payments"}]',
                        scope_ous = '{ou-ab12-cdefgh34}' WHERE id = $1`,
      [userId],
    );
    expect(await resolveSessionUser(token)).toEqual({
      id: userId,
      email: "analyst@example.com",
      role: "analyst",
      scope: {
        all: false,
        accountIds: ["111111111111", "222222222222"],
        tags: [{ key: "team", value: "payments" }],
        ouIds: ["ou-ab12-cdefgh34"],
      },
      sessionId: token.sid,
    });
    // A role change takes effect on the next request of the same session.
    await database.pool.query("UPDATE users SET role = 'admin' WHERE id = $1", [userId]);
    expect(await resolveSessionUser(token)).toMatchObject({ role: "admin", scope: { all: true } });
    await database.pool.query(
      "UPDATE users SET role = 'analyst', account_scope = '{}', scope_tags = '[]', scope_ous = '{}' WHERE id = $1",
      [userId],
    );
  });

  test("only admins end another user's sessions", async () => {
    const token = await signIn();
    const analyst = (await resolveSessionUser(token)) as SessionUser;
    await expect(endUserSessions(analyst, "00000000-0000-4000-8000-000000000000")).rejects.toThrow(/only admins/);
  });
});
