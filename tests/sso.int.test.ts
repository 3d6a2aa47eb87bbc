import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { createLocalUser } from "@/lib/data/users/create-local-user";
import { deleteSsoMapping } from "@/lib/data/sso/delete-sso-mapping";
import { findSsoMappings } from "@/lib/data/sso/find-sso-mappings";
import { saveSsoMapping } from "@/lib/data/sso/save-sso-mapping";
import { signInSsoUser } from "@/lib/data/sso/sign-in-sso-user";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/** Single sign-on users: group mappings, just-in-time creation, refusals, all audited. */
let database: TestDatabase;
const admin: SessionUser = {
  id: "00000000-0000-4000-8000-000000000001",
  email: "admin@example.com",
  role: "admin",
  scope: { all: true },
};
const identity = (email: string, groups: string[]) => ({ subject: `sub-${email}`, email, emailVerified: true, name: "Someone", groups });
const user = async (email: string) =>
  (await database.pool.query("SELECT role, all_accounts, account_scope, auth_source, password_hash FROM users WHERE email = $1", [email]))
    .rows[0];
const audit = async (action: string) =>
  (await database.pool.query("SELECT actor_email, target, detail FROM audit_log WHERE action = $1 ORDER BY id", [action])).rows;

beforeAll(async () => {
  database = await createTestDatabase();
  await saveSsoMapping(admin, { groupName: "sec-prod", role: "analyst", scope: { allAccounts: false, accountIds: ["111111111111"] } });
  await saveSsoMapping(admin, { groupName: "sec-dev", role: "viewer", scope: { allAccounts: false, accountIds: ["222222222222"] } });
});
afterAll(async () => {
  await database?.drop();
});

describe("single sign-on users", () => {
  test("first sign-in creates the user with the mapped role and scope; a later one follows the groups", async () => {
    const first = await signInSsoUser(identity("Alice@Example.com", ["sec-prod", "sec-dev", "unmapped"]), "198.51.100.1");
    expect(first).toMatchObject({ isOk: true, user: { email: "alice@example.com" } });
    expect(await user("alice@example.com")).toEqual({
      role: "analyst",
      all_accounts: false,
      account_scope: ["111111111111", "222222222222"],
      auth_source: "sso",
      password_hash: null,
    });
    expect(await audit("user.create")).toMatchObject([
      { actor_email: "sso", target: "alice@example.com", detail: { source: "sso", role: "analyst", groups: ["sec-dev", "sec-prod"] } },
    ]);
    // Removed from sec-prod at the IdP: narrower at the next sign-in, and audited.
    await signInSsoUser(identity("alice@example.com", ["sec-dev"]), "198.51.100.1");
    expect(await user("alice@example.com")).toMatchObject({ role: "viewer", account_scope: ["222222222222"] });
    expect(await audit("user.access-from-groups")).toMatchObject([
      { target: "alice@example.com", detail: { from: { role: "analyst" }, to: { role: "viewer", accountScope: ["222222222222"] } } },
    ]);
    expect((await audit("auth.login")).map((row) => row.detail.method)).toEqual(["sso", "sso"]);
  });

  test("no mapped group, an unverified e-mail, a local account's e-mail and a disabled user are refused and audited", async () => {
    expect(await signInSsoUser(identity("bob@example.com", ["everyone"]), "198.51.100.2")).toEqual({ isOk: false, reason: "no-group" });
    expect(await user("bob@example.com")).toBeUndefined();
    expect(await signInSsoUser({ ...identity("carol@example.com", ["sec-dev"]), emailVerified: false }, null)).toEqual({
      isOk: false,
      reason: "no-email",
    });
    await createLocalUser(database.pool, { email: "breakglass@example.com", role: "admin", password: "break-glass-password" }, "test");
    expect(await signInSsoUser(identity("breakglass@example.com", ["sec-dev"]), null)).toEqual({ isOk: false, reason: "local-account" });
    expect(await user("breakglass@example.com")).toMatchObject({ role: "admin", auth_source: "local" });
    await database.pool.query("UPDATE users SET disabled = true WHERE email = 'alice@example.com'");
    expect(await signInSsoUser(identity("alice@example.com", ["sec-dev"]), null)).toEqual({ isOk: false, reason: "disabled" });
    expect((await audit("auth.login-failed")).map((row) => [row.target, row.detail.reason])).toEqual([
      ["bob@example.com", "no-group"],
      ["carol@example.com", "no-email"],
      ["breakglass@example.com", "local-account"],
      ["alice@example.com", "disabled"],
    ]);
  });

  test("mappings are edited by admins only, and every change is audited", async () => {
    const analyst: SessionUser = { ...admin, id: "00000000-0000-4000-8000-000000000002", email: "analyst@example.com", role: "analyst" };
    await expect(saveSsoMapping(analyst, { groupName: "x", role: "admin", scope: { allAccounts: true, accountIds: [] } })).rejects.toThrow(
      /only admins/,
    );
    await saveSsoMapping(admin, { groupName: "sec-dev", role: "viewer", scope: { allAccounts: true, accountIds: [] } });
    const dev = (await findSsoMappings(admin)).find((mapping) => mapping.groupName === "sec-dev")!;
    expect(dev).toMatchObject({ role: "viewer", allAccounts: true, accountScope: [] });
    await deleteSsoMapping(admin, dev.id);
    expect((await findSsoMappings(admin)).map((mapping) => mapping.groupName)).toEqual(["sec-prod"]);
    expect((await database.pool.query("SELECT action, target FROM audit_log WHERE action LIKE 'sso-mapping.%' ORDER BY id")).rows).toEqual([
      { action: "sso-mapping.create", target: "sec-prod" },
      { action: "sso-mapping.create", target: "sec-dev" },
      { action: "sso-mapping.update", target: "sec-dev" },
      { action: "sso-mapping.delete", target: "sec-dev" },
    ]);
  });
});
