import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildUserScope } from "@/lib/auth/account-scope";
import type { SessionUser } from "@/lib/auth";
import { authenticateLocalUser } from "@/lib/auth/authenticate-local-user";
import { countAccountsInScope } from "@/lib/data/accounts/count-accounts-in-scope";
import { changeOwnPassword } from "@/lib/data/users/change-own-password";
import { createConsoleUser } from "@/lib/data/users/create-console-user";
import { createLocalUser } from "@/lib/data/users/create-local-user";
import { findUsers } from "@/lib/data/users/find-users";
import { resetUserPassword } from "@/lib/data/users/reset-user-password";
import { setConsoleUserDisabled } from "@/lib/data/users/set-console-user-disabled";
import { updateUserAccess } from "@/lib/data/users/update-user-access";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

/** User management from the console, against a real database: every change audited, no self-lockout. */
let database: TestDatabase;
let admin: SessionUser;
let analyst: SessionUser;

const A = "111111111111";
const B = "222222222222";

async function sessionUserOf(email: string): Promise<SessionUser> {
  const row = (
    await database.pool.query("SELECT id, email, role, all_accounts, account_scope, scope_tags, scope_ous FROM users WHERE email = $1", [
      email,
    ])
  ).rows[0];
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    scope: buildUserScope({
      role: row.role,
      allAccounts: row.all_accounts,
      accountScope: row.account_scope,
      scopeTags: row.scope_tags,
      scopeOus: row.scope_ous,
    }),
  };
}
const audit = async (action: string) =>
  (await database.pool.query("SELECT actor_email, target, detail FROM audit_log WHERE action = $1 ORDER BY id", [action])).rows;
const version = async (email: string) =>
  (await database.pool.query<{ v: number }>("SELECT session_version AS v FROM users WHERE email = $1", [email])).rows[0]!.v;

beforeAll(async () => {
  database = await createTestDatabase();
  await createLocalUser(database.pool, { email: "admin@example.com", role: "admin", password: "admin-password-1" }, "test");
  await createLocalUser(
    database.pool,
    { email: "analyst@example.com", role: "analyst", password: "analyst-password-1", accountScope: [A] },
    "test",
  );
  admin = await sessionUserOf("admin@example.com");
  analyst = await sessionUserOf("analyst@example.com");
});
afterAll(async () => {
  await database?.drop();
});

describe("users from the console", () => {
  test("an admin creates a local user whose generated password works once handed over; a duplicate is a conflict", async () => {
    const created = await createConsoleUser(admin, {
      email: "New@Example.com",
      role: "viewer",
      scope: { allAccounts: false, accountIds: [B, A, A] },
    });
    expect(created.email).toBe("new@example.com");
    expect(created.password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
    expect(await authenticateLocalUser("new@example.com", created.password, "10.0.0.1")).toMatchObject({ email: "new@example.com" });
    const stored = (
      await database.pool.query("SELECT role, all_accounts, account_scope, password_hash FROM users WHERE email = 'new@example.com'")
    ).rows[0];
    expect(stored).toMatchObject({ role: "viewer", all_accounts: false, account_scope: [A, B] });
    expect(stored.password_hash).not.toContain(created.password);
    expect(await audit("user.create")).toEqual([
      {
        actor_email: "admin@example.com",
        target: "new@example.com",
        detail: { role: "viewer", allAccounts: false, accountScope: [A, B], scopeTags: [], scopeOus: [] },
      },
    ]);
    await expect(
      createConsoleUser(admin, { email: "new@example.com", role: "viewer", scope: { allAccounts: true, accountIds: [] } }),
    ).rejects.toThrow(/already exists/);
  });

  test("non-admins can do none of it", async () => {
    await expect(findUsers(analyst)).rejects.toThrow(/only admins/);
    await expect(
      createConsoleUser(analyst, { email: "x@example.com", role: "admin", scope: { allAccounts: true, accountIds: [] } }),
    ).rejects.toThrow(/only admins/);
    await expect(updateUserAccess(analyst, analyst.id, { role: "admin", scope: { allAccounts: true, accountIds: [] } })).rejects.toThrow(
      /only admins/,
    );
    await expect(resetUserPassword(analyst, admin.id)).rejects.toThrow(/only admins/);
    await expect(setConsoleUserDisabled(analyst, admin.id, true)).rejects.toThrow(/only admins/);
  });

  test("role and scope changes are audited with before and after; an admin cannot demote themselves", async () => {
    expect(await updateUserAccess(admin, analyst.id, { role: "viewer", scope: { allAccounts: false, accountIds: [A, B] } })).toEqual({
      changed: true,
    });
    expect(await audit("user.role-change")).toEqual([
      { actor_email: "admin@example.com", target: "analyst@example.com", detail: { from: "analyst", to: "viewer" } },
    ]);
    expect(await audit("user.scope-change")).toEqual([
      {
        actor_email: "admin@example.com",
        target: "analyst@example.com",
        detail: {
          from: { allAccounts: false, accountScope: [A], scopeTags: [], scopeOus: [] },
          to: { allAccounts: false, accountScope: [A, B], scopeTags: [], scopeOus: [] },
        },
      },
    ]);
    expect(await updateUserAccess(admin, analyst.id, { role: "viewer", scope: { allAccounts: false, accountIds: [B, A] } })).toEqual({
      changed: false,
    });
    await expect(updateUserAccess(admin, admin.id, { role: "analyst", scope: { allAccounts: true, accountIds: [] } })).rejects.toThrow(
      /cannot take the admin role from yourself/,
    );
    const users = await findUsers(admin);
    expect(users.map((user) => [user.email, user.role, user.source])).toEqual([
      ["admin@example.com", "admin", "local"],
      ["analyst@example.com", "viewer", "local"],
      ["new@example.com", "viewer", "local"],
    ]);
  });

  test("tag and OU scopes: stored, audited with before and after, resolved by the scope helper; bad parts refused with nothing saved", async () => {
    await database.pool.query(
      `INSERT INTO accounts (id, name, regions, status, tags, ou_path) VALUES
         ('333333333333', 'prod-payments', '{us-east-1}', 'active', '{"env":"prod","team":"payments"}', 'r-ab12/ou-ab12-11111111'),
         ('444444444444', 'prod-search', '{us-east-1}', 'active', '{"env":"prod"}', 'r-ab12/ou-ab12-22222222'),
         ('555555555555', 'dev-sandbox', '{us-east-1}', 'active', '{"env":"Prod"}', 'r-ab12/ou-ab12-22222222/ou-ab12-33333333')`,
    );
    const created = await createConsoleUser(admin, {
      email: "tags@example.com",
      role: "viewer",
      scope: { allAccounts: false, accountIds: [], tags: [{ key: " env ", value: "prod" }], ouIds: [] },
    });
    const tagged = await sessionUserOf("tags@example.com");
    // env=prod is exact: "Prod" on 555555555555 does not match (AWS tag values are case-sensitive).
    expect((await countAccountsInScope(admin, tagged.scope)).count).toBe(2);
    expect((await countAccountsInScope(admin, tagged.scope)).sample.map((account) => account.id)).toEqual(["333333333333", "444444444444"]);
    // An OU covers every account below it, at any depth; the union with a tag and an id.
    await updateUserAccess(admin, created.id, {
      role: "viewer",
      scope: { allAccounts: false, accountIds: [A], tags: [{ key: "team", value: "payments" }], ouIds: ["ou-ab12-33333333"] },
    });
    const moved = await sessionUserOf("tags@example.com");
    expect(moved.scope).toEqual({ all: false, accountIds: [A], tags: [{ key: "team", value: "payments" }], ouIds: ["ou-ab12-33333333"] });
    expect((await countAccountsInScope(admin, moved.scope)).sample.map((account) => account.id).sort()).toEqual([
      "333333333333",
      "555555555555",
    ]);
    expect((await audit("user.scope-change")).at(-1)).toEqual({
      actor_email: "admin@example.com",
      target: "tags@example.com",
      detail: {
        from: { allAccounts: false, accountScope: [], scopeTags: [{ key: "env", value: "prod" }], scopeOus: [] },
        to: { allAccounts: false, accountScope: [A], scopeTags: [{ key: "team", value: "payments" }], scopeOus: ["ou-ab12-33333333"] },
      },
    });
    // A scope that matches nothing is allowed: an empty console, never everything.
    await updateUserAccess(admin, created.id, { role: "viewer", scope: { allAccounts: false, accountIds: [], ouIds: ["r-zz99"] } });
    const empty = await sessionUserOf("tags@example.com");
    expect(empty.scope).toEqual({ all: false, accountIds: [], tags: [], ouIds: ["r-zz99"] });
    expect(await countAccountsInScope(admin, empty.scope)).toEqual({ count: 0, sample: [] });
    // Malformed OU ids and over-long tags are refused and nothing changes.
    const before = (await database.pool.query("SELECT scope_tags, scope_ous FROM users WHERE id = $1", [created.id])).rows[0];
    const auditRows = (await database.pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n;
    for (const scope of [
      { allAccounts: false, accountIds: [], ouIds: ["ou-AB12-1"] },
      { allAccounts: false, accountIds: [], ouIds: ["111111111111"] },
      { allAccounts: false, accountIds: [], tags: [{ key: "k".repeat(129), value: "v" }] },
      { allAccounts: false, accountIds: [], tags: [{ key: "env", value: "v".repeat(257) }] },
      { allAccounts: false, accountIds: [], tags: [{ key: "  ", value: "v" }] },
    ])
      await expect(updateUserAccess(admin, created.id, { role: "viewer", scope })).rejects.toThrow();
    expect((await database.pool.query("SELECT scope_tags, scope_ous FROM users WHERE id = $1", [created.id])).rows[0]).toEqual(before);
    expect((await database.pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n).toBe(auditRows);
    // The limits themselves are accepted: 128-character keys, 256-character values.
    await updateUserAccess(admin, created.id, {
      role: "viewer",
      scope: { allAccounts: false, accountIds: [], tags: [{ key: "k".repeat(128), value: "v".repeat(256) }] },
    });
    const users = await findUsers(admin);
    expect(users.find((user) => user.email === "tags@example.com")).toMatchObject({
      scopeTags: [{ key: "k".repeat(128), value: "v".repeat(256) }],
      scopeOus: [],
    });
  });

  test("a password reset replaces the password and ends the user's sessions", async () => {
    const before = await version("analyst@example.com");
    const reset = await resetUserPassword(admin, analyst.id);
    expect(await version("analyst@example.com")).toBe(before + 1);
    expect(await authenticateLocalUser("analyst@example.com", "analyst-password-1", "10.0.0.5")).toBeNull();
    expect(await authenticateLocalUser("analyst@example.com", reset.password, "10.0.0.5")).toMatchObject({ email: "analyst@example.com" });
    expect(await audit("user.password-reset")).toEqual([{ actor_email: "admin@example.com", target: "analyst@example.com", detail: {} }]);
  });

  test("disabling ends sessions and refuses sign-in; nobody disables themselves", async () => {
    const before = await version("new@example.com");
    const target = await sessionUserOf("new@example.com");
    await setConsoleUserDisabled(admin, target.id, true);
    expect(await version("new@example.com")).toBe(before + 1);
    await expect(setConsoleUserDisabled(admin, admin.id, true)).rejects.toThrow(/cannot disable yourself/);
    await setConsoleUserDisabled(admin, target.id, false);
    expect((await audit("user.disable")).map((row) => row.target)).toEqual(["new@example.com"]);
    expect((await audit("user.enable")).map((row) => row.target)).toEqual(["new@example.com"]);
  });

  test("a user changes their own password after proving the current one; a wrong one is audited", async () => {
    const user = await sessionUserOf("admin@example.com");
    await expect(
      changeOwnPassword(user, { current: "not-it", next: "a-brand-new-password", confirm: "a-brand-new-password" }),
    ).rejects.toThrow(/current password is wrong/);
    await expect(
      changeOwnPassword(user, { current: "admin-password-1", next: "a-brand-new-password", confirm: "different" }),
    ).rejects.toThrow(/differ/);
    const before = await version("admin@example.com");
    await changeOwnPassword(user, { current: "admin-password-1", next: "a-brand-new-password", confirm: "a-brand-new-password" });
    expect(await version("admin@example.com")).toBe(before + 1);
    expect(await authenticateLocalUser("admin@example.com", "a-brand-new-password", "10.0.0.9")).toMatchObject({
      email: "admin@example.com",
    });
    expect((await audit("user.password-change-failed")).map((row) => row.target)).toEqual(["admin@example.com"]);
    expect((await audit("user.password-change")).map((row) => row.target)).toEqual(["admin@example.com"]);
  });
});
