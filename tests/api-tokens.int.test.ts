import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { hashApiToken } from "@/lib/auth/api-token-format";
import { authenticateApiToken } from "@/lib/auth/authenticate-api-token";
import { requireApiTokenUser } from "@/lib/auth/require-api-token-user";
import { findAccounts } from "@/lib/data/accounts/find-accounts";
import { findFindings } from "@/lib/data/findings/find-findings";
import { parseFindingFilters } from "@/lib/data/findings/finding-filters";
import { createApiToken } from "@/lib/data/tokens/create-api-token";
import { findApiTokens } from "@/lib/data/tokens/find-api-tokens";
import { revokeApiToken } from "@/lib/data/tokens/revoke-api-token";
import { MAX_LIVE_API_TOKENS, ZCreateApiToken } from "@/lib/schemas/api-token";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/**
 * API tokens against a real database: stored hashed, refused at once when revoked or
 * expired or when the maker is disabled, acting with the maker's current role and scope,
 * and every use audited with the token's name.
 */
let database: TestDatabase;
const request = { method: "GET", target: "/api/v1/accounts", ip: null };

async function addUser(email: string, role: string, scope: string[], allAccounts = false): Promise<SessionUser> {
  const { rows } = await database.pool.query<{ id: string }>(
    "INSERT INTO users (email, role, all_accounts, account_scope) VALUES ($1, $2, $3, $4) RETURNING id::text",
    [email, role, allAccounts, scope],
  );
  return {
    id: rows[0]!.id,
    email,
    role: role as SessionUser["role"],
    scope: allAccounts || role === "admin" ? { all: true } : { all: false, accountIds: scope, tags: [], ouIds: [] },
  };
}

const audit = async (action: string) =>
  (
    await database.pool.query<{ actor_email: string; target: string; detail: Record<string, unknown> }>(
      "SELECT actor_email, target, detail FROM audit_log WHERE action = $1 ORDER BY id",
      [action],
    )
  ).rows;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query(
    "INSERT INTO accounts (id, name, regions, status) VALUES ('111111111111', 'alpha', '{us-east-1}', 'active'), ('222222222222', 'beta', '{us-east-1}', 'active'), ('333333333333', 'gamma', '{us-east-1}', 'active')",
  );
  await database.pool.query(
    `INSERT INTO findings (source, source_id, account_id, region, type, title, severity, severity_label, status, first_seen_at, last_seen_at, source_updated_at, raw)
     SELECT 'guardduty', 'f-' || a, a, 'us-east-1', 'Recon:EC2/PortProbe', 'finding in ' || a, 70, 'HIGH', 'active', now(), now(), now(), '{}'::jsonb
     FROM unnest(ARRAY['111111111111', '222222222222', '333333333333']) a`,
  );
});
afterAll(async () => {
  await database?.drop();
});

describe("API tokens", () => {
  test("a new token is shown once and stored only as its SHA-256; it acts as its maker and each use is audited by name", async () => {
    const maker = await addUser("viewer@example.com", "viewer", ["111111111111"]);
    const created = await createApiToken(maker, { name: "siem export", expiresInDays: 30 }, new Date());
    expect(created.token).toMatch(/^parapet_[A-Za-z0-9_-]{43}$/);
    const stored = await database.pool.query("SELECT * FROM api_tokens WHERE id = $1", [created.id]);
    expect(stored.rows[0].token_hash).toBe(hashApiToken(created.token));
    expect(JSON.stringify(stored.rows[0])).not.toContain(created.token.slice(12));
    expect(stored.rows[0].hint).toBe(created.token.slice(0, 12));
    // 30 days from creation, to the millisecond the server stored.
    expect(new Date(stored.rows[0].expires_at).getTime() - new Date(stored.rows[0].created_at).getTime()).toBeGreaterThan(
      30 * 86_400_000 - 5_000,
    );

    const user = await authenticateApiToken(created.token, request);
    expect(user).toMatchObject({
      id: maker.id,
      email: maker.email,
      role: "viewer",
      scope: { all: false, accountIds: ["111111111111"], tags: [], ouIds: [] },
      apiToken: { id: created.id, name: "siem export" },
    });
    expect(await audit("api.token-use")).toEqual([
      { actor_email: "viewer@example.com", target: "GET /api/v1/accounts", detail: { token: "siem export", tokenId: created.id } },
    ]);
    expect((await findApiTokens(maker))[0]!.lastUsedAt).not.toBeNull();
    expect(await audit("token.create")).toMatchObject([{ actor_email: "viewer@example.com", target: "siem export" }]);
  });

  test("a revoked token is refused on the very next request, and the refusal is audited", async () => {
    const maker = await addUser("revoker@example.com", "analyst", ["111111111111"]);
    const { id, token } = await createApiToken(maker, { name: "ci gate", expiresInDays: 7 });
    expect(await authenticateApiToken(token, request)).not.toBeNull();
    await revokeApiToken(maker, id);
    expect(await authenticateApiToken(token, request)).toBeNull();
    expect((await audit("api.token-refused")).filter((row) => row.detail.tokenId === id)).toEqual([
      { actor_email: "revoker@example.com", target: "GET /api/v1/accounts", detail: { token: "ci gate", tokenId: id, reason: "revoked" } },
    ]);
    expect(await audit("token.revoke")).toMatchObject([{ actor_email: "revoker@example.com", target: "ci gate" }]);
  });

  test("a token use over HTTP is filed under the client's address, through the trusted-proxy resolver", async () => {
    const maker = await addUser("http@example.com", "viewer", ["111111111111"]);
    const { token } = await createApiToken(maker, { name: "http client", expiresInDays: 7 });
    // As the console server hands it over: the socket's peer appended to X-Forwarded-For. With no
    // trusted proxy (the default), the caller's own entry on the left is not believed.
    const incoming = new Request("http://localhost/api/v1/accounts?limit=5", {
      headers: { authorization: `Bearer ${token}`, "x-forwarded-for": "198.51.100.66, 203.0.113.9" },
    });
    await requireApiTokenUser(incoming, incoming.headers.get("authorization")!);
    const rows = await database.pool.query("SELECT target, ip FROM audit_log WHERE action = 'api.token-use' AND actor_email = $1", [
      maker.email,
    ]);
    expect(rows.rows).toEqual([{ target: "GET /api/v1/accounts?limit=5", ip: "203.0.113.9" }]);
  });

  test("an expired token is refused at once (the database clock decides)", async () => {
    const maker = await addUser("expiry@example.com", "viewer", ["111111111111"]);
    const { id, token } = await createApiToken(maker, { name: "short lived", expiresInDays: 1 });
    expect(await authenticateApiToken(token, request)).not.toBeNull();
    await database.pool.query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [id]);
    expect(await authenticateApiToken(token, request)).toBeNull();
    expect((await audit("api.token-refused")).find((row) => row.detail.tokenId === id)?.detail.reason).toBe("expired");
  });

  test("the maker's role and scope are re-read per request: narrowing the scope or disabling the maker applies at once", async () => {
    const maker = await addUser("scoped@example.com", "analyst", ["111111111111", "222222222222"]);
    const { token } = await createApiToken(maker, { name: "dashboards", expiresInDays: 90 });
    const before = (await authenticateApiToken(token, request))!;
    expect((await findAccounts(before)).map((account) => account.id)).toEqual(["111111111111", "222222222222"]);

    await database.pool.query("UPDATE users SET account_scope = '{222222222222}', role = 'viewer' WHERE id = $1", [maker.id]);
    const narrowed = (await authenticateApiToken(token, request))!;
    expect(narrowed.role).toBe("viewer");
    expect((await findAccounts(narrowed)).map((account) => account.id)).toEqual(["222222222222"]);
    // Asking for another account's findings through the explorer's filters finds nothing, not the other account.
    expect((await findFindings(narrowed, parseFindingFilters({ account: "111111111111" }))).rows).toEqual([]);
    expect((await findFindings(narrowed, parseFindingFilters({}))).rows.map((row) => row.accountId)).toEqual(["222222222222"]);

    await database.pool.query("UPDATE users SET disabled = true WHERE id = $1", [maker.id]);
    expect(await authenticateApiToken(token, request)).toBeNull();
  });

  test("a token whose maker has an empty scope sees nothing, not everything", async () => {
    const maker = await addUser("empty@example.com", "viewer", []);
    const { token } = await createApiToken(maker, { name: "nothing", expiresInDays: 1 });
    const user = (await authenticateApiToken(token, request))!;
    expect(await findAccounts(user)).toEqual([]);
    expect((await findFindings(user, parseFindingFilters({ status: "all" }))).rows).toEqual([]);
  });

  test("an unknown token is refused and not audited (nobody to attribute it to)", async () => {
    const before = (await database.pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n;
    expect(await authenticateApiToken(`parapet_${"x".repeat(43)}`, request)).toBeNull();
    expect((await database.pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n).toBe(before);
  });

  test("a token cannot make or revoke tokens, and nobody revokes another user's token", async () => {
    const owner = await addUser("owner@example.com", "admin", [], true);
    const other = await addUser("other@example.com", "admin", [], true);
    const { id, token } = await createApiToken(owner, { name: "owner token", expiresInDays: 1 });
    const viaToken = (await authenticateApiToken(token, request))!;
    await expect(createApiToken(viaToken, { name: "minted", expiresInDays: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(revokeApiToken(viaToken, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(revokeApiToken(other, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await authenticateApiToken(token, request)).not.toBeNull();
  });

  test(`a user holds at most ${MAX_LIVE_API_TOKENS} live tokens; expiry is required and between 1 and 365 days`, async () => {
    const maker = await addUser("many@example.com", "viewer", []);
    for (let n = 0; n < MAX_LIVE_API_TOKENS; n++) await createApiToken(maker, { name: `token ${n}`, expiresInDays: 1 });
    await expect(createApiToken(maker, { name: "one too many", expiresInDays: 1 })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(ZCreateApiToken.safeParse({ name: "x token" }).success).toBe(false);
    expect(ZCreateApiToken.safeParse({ name: "x token", expiresInDays: "0" }).success).toBe(false);
    expect(ZCreateApiToken.safeParse({ name: "x token", expiresInDays: "366" }).success).toBe(false);
    expect(ZCreateApiToken.safeParse({ name: "x token", expiresInDays: "365" }).data).toEqual({ name: "x token", expiresInDays: 365 });
    expect(ZCreateApiToken.safeParse({ name: "x\u0000y z", expiresInDays: "5" }).success).toBe(false);
  });
});
