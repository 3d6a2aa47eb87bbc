import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { buildUserScope } from "@/lib/auth/account-scope";
import { findAccounts } from "@/lib/data/accounts/find-accounts";
import { createLocalUser } from "@/lib/data/users/create-local-user";
import { deleteSsoMapping } from "@/lib/data/sso/delete-sso-mapping";
import { findSsoMappings } from "@/lib/data/sso/find-sso-mappings";
import { saveSsoMapping } from "@/lib/data/sso/save-sso-mapping";
import { signInSsoUser } from "@/lib/data/sso/sign-in-sso-user";
import { updateSsoMapping } from "@/lib/data/sso/update-sso-mapping";
import type { TUserAccess } from "@/lib/data/users/user-access";
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
  test("editing a mapping by id changes its role and scope, audits before and after, and refuses what adding refuses", async () => {
    await saveSsoMapping(admin, { groupName: "edit-me", role: "viewer", scope: { allAccounts: false, accountIds: ["111111111111"] } });
    const id = (await findSsoMappings(admin)).find((mapping) => mapping.groupName === "edit-me")!.id;
    const analyst: SessionUser = { ...admin, id: "00000000-0000-4000-8000-000000000002", email: "analyst@example.com", role: "analyst" };
    const analystEdit: TUserAccess = { role: "admin", scope: { allAccounts: true, accountIds: [] } };
    await expect(updateSsoMapping(analyst, id, analystEdit)).rejects.toThrow(/only admins can edit single sign-on mappings/);
    // The same schemas as adding: a bad OU id or account id is refused, and nothing changes.
    await expect(
      updateSsoMapping(admin, id, { role: "viewer", scope: { allAccounts: false, accountIds: [], ouIds: ["ou-1"] } }),
    ).rejects.toThrow(/OU id/);
    await expect(updateSsoMapping(admin, id, { role: "viewer", scope: { allAccounts: false, accountIds: ["12345"] } })).rejects.toThrow();
    await expect(updateSsoMapping(admin, id, { role: "owner" as "admin", scope: { allAccounts: true, accountIds: [] } })).rejects.toThrow();
    const before = await database.pool.query(
      "SELECT role, all_accounts, account_scope, scope_tags, scope_ous FROM sso_group_mappings WHERE id = $1",
      [id],
    );
    expect(before.rows).toEqual([{ role: "viewer", all_accounts: false, account_scope: ["111111111111"], scope_tags: [], scope_ous: [] }]);

    const edited = await updateSsoMapping(admin, id, {
      role: "analyst",
      scope: {
        allAccounts: false,
        accountIds: ["222222222222", "111111111111"],
        tags: [{ key: "team", value: "payments" }],
        ouIds: ["ou-ab12-11111111"],
      },
    });
    expect(edited).toEqual({ groupName: "edit-me", changed: true });
    const after = await database.pool.query(
      "SELECT group_name, role, all_accounts, account_scope, scope_tags, scope_ous, created_by FROM sso_group_mappings WHERE id = $1",
      [id],
    );
    expect(after.rows).toEqual([
      {
        group_name: "edit-me",
        role: "analyst",
        all_accounts: false,
        account_scope: ["111111111111", "222222222222"],
        scope_tags: [{ key: "team", value: "payments" }],
        scope_ous: ["ou-ab12-11111111"],
        created_by: "admin@example.com",
      },
    ]);
    const audited = await database.pool.query(
      "SELECT actor_email, target, detail FROM audit_log WHERE action = 'sso-mapping.update' AND target = 'edit-me'",
    );
    expect(audited.rows).toEqual([
      {
        actor_email: "admin@example.com",
        target: "edit-me",
        detail: {
          from: { role: "viewer", allAccounts: false, accountScope: ["111111111111"], scopeTags: [], scopeOus: [] },
          to: {
            role: "analyst",
            allAccounts: false,
            accountScope: ["111111111111", "222222222222"],
            scopeTags: [{ key: "team", value: "payments" }],
            scopeOus: ["ou-ab12-11111111"],
          },
        },
      },
    ]);
    // The same access again (another order) changes nothing and writes no audit row.
    expect(
      await updateSsoMapping(admin, id, {
        role: "analyst",
        scope: {
          allAccounts: false,
          accountIds: ["111111111111", "222222222222"],
          tags: [{ key: "team", value: "payments" }],
          ouIds: ["ou-ab12-11111111"],
        },
      }),
    ).toEqual({ groupName: "edit-me", changed: false });
    expect((await database.pool.query("SELECT 1 FROM audit_log WHERE action = 'sso-mapping.update' AND target = 'edit-me'")).rowCount).toBe(
      1,
    );

    // A mapping removed meanwhile is not brought back by an edit.
    await deleteSsoMapping(admin, id);
    await expect(updateSsoMapping(admin, id, analystEdit)).rejects.toThrow(/no such mapping/);
    expect((await database.pool.query("SELECT 1 FROM sso_group_mappings WHERE group_name = 'edit-me'")).rowCount).toBe(0);
  });

  test("tag- and OU-scoped groups: the user gets the union of each kind, and sees exactly the accounts they match", async () => {
    await database.pool.query(
      `INSERT INTO accounts (id, name, regions, status, tags, ou_path) VALUES
         ('333333333333', 'prod-payments', '{us-east-1}', 'active', '{"env":"prod","team":"payments"}', 'r-ab12/ou-ab12-11111111'),
         ('444444444444', 'prod-search', '{us-east-1}', 'active', '{"env":"prod"}', 'r-ab12/ou-ab12-22222222'),
         ('555555555555', 'dev-sandbox', '{us-east-1}', 'active', '{"env":"dev"}', 'r-ab12/ou-ab12-22222222/ou-ab12-33333333'),
         ('666666666666', 'shared', '{us-east-1}', 'active', '{}', 'r-ab12')`,
    );
    await saveSsoMapping(admin, {
      groupName: "payments-by-tag",
      role: "viewer",
      scope: { allAccounts: false, accountIds: [], tags: [{ key: "team", value: "payments" }] },
    });
    await saveSsoMapping(admin, {
      groupName: "sandbox-ou",
      role: "analyst",
      scope: { allAccounts: false, accountIds: [], ouIds: ["ou-ab12-33333333"] },
    });
    const stored = (await database.pool.query("SELECT scope_tags, scope_ous FROM sso_group_mappings WHERE group_name = 'payments-by-tag'"))
      .rows[0];
    expect(stored).toEqual({ scope_tags: [{ key: "team", value: "payments" }], scope_ous: [] });

    const seen = async (email: string) => {
      const row = (
        await database.pool.query("SELECT role, all_accounts, account_scope, scope_tags, scope_ous FROM users WHERE email = $1", [email])
      ).rows[0];
      const scope = buildUserScope({
        role: row.role,
        allAccounts: row.all_accounts,
        accountScope: row.account_scope,
        scopeTags: row.scope_tags,
        scopeOus: row.scope_ous,
      });
      const reader: SessionUser = { id: "00000000-0000-4000-8000-000000000009", email, role: row.role, scope };
      return { row, ids: (await findAccounts(reader)).map((account) => account.id).sort() };
    };

    await signInSsoUser(identity("dora@example.com", ["payments-by-tag"]), "198.51.100.3");
    expect(await seen("dora@example.com")).toEqual({
      row: { role: "viewer", all_accounts: false, account_scope: [], scope_tags: [{ key: "team", value: "payments" }], scope_ous: [] },
      ids: ["333333333333"],
    });
    await signInSsoUser(identity("erin@example.com", ["sandbox-ou"]), "198.51.100.3");
    expect((await seen("erin@example.com")).ids).toEqual(["555555555555"]);

    // In both, plus an id group: the highest role and the union of ids, tags and OUs.
    await signInSsoUser(identity("dora@example.com", ["payments-by-tag", "sandbox-ou", "sec-prod"]), "198.51.100.3");
    const both = await seen("dora@example.com");
    expect(both.row).toEqual({
      role: "analyst",
      all_accounts: false,
      account_scope: ["111111111111"],
      scope_tags: [{ key: "team", value: "payments" }],
      scope_ous: ["ou-ab12-33333333"],
    });
    expect(both.ids).toEqual(["333333333333", "555555555555"]);
    expect((await audit("user.access-from-groups")).at(-1)).toMatchObject({
      target: "dora@example.com",
      detail: {
        from: { role: "viewer", scopeTags: [{ key: "team", value: "payments" }], scopeOus: [] },
        to: { role: "analyst", accountScope: ["111111111111"], scopeOus: ["ou-ab12-33333333"] },
        groups: ["payments-by-tag", "sandbox-ou", "sec-prod"],
      },
    });

    // The mapping changes to a tag no account carries: an empty console at the next sign-in, never everything.
    await saveSsoMapping(admin, {
      groupName: "payments-by-tag",
      role: "viewer",
      scope: { allAccounts: false, accountIds: [], tags: [{ key: "team", value: "nobody" }] },
    });
    expect((await audit("sso-mapping.update")).at(-1)).toMatchObject({
      target: "payments-by-tag",
      detail: {
        from: { role: "viewer", scopeTags: [{ key: "team", value: "payments" }] },
        to: { role: "viewer", scopeTags: [{ key: "team", value: "nobody" }] },
      },
    });
    await signInSsoUser(identity("dora@example.com", ["payments-by-tag"]), "198.51.100.3");
    expect((await seen("dora@example.com")).ids).toEqual([]);

    // Bad scope parts are refused and nothing is saved.
    await expect(
      saveSsoMapping(admin, { groupName: "bad-ou", role: "viewer", scope: { allAccounts: false, accountIds: [], ouIds: ["ou-1"] } }),
    ).rejects.toThrow(/OU id/);
    expect((await database.pool.query("SELECT 1 FROM sso_group_mappings WHERE group_name = 'bad-ou'")).rowCount).toBe(0);
  });
});
