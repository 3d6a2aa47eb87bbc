import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { IDP_NAME } from "./support/oidc-provider";

/**
 * [SSO] Single sign-on end to end in Chromium against a real OpenID Connect provider
 * (oidc-provider, started by the global setup): an admin maps a group in the console, a
 * member signs in and gets that role and scope, a user with no mapped group is refused with
 * a page that says why, and sign-out ends the session server-side.
 */

/** Through the IdP's own login and consent pages. */
async function signInAtIdp(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Sign in with ${IDP_NAME}` }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password works at this test IdP");
  await page.locator('button[type="submit"]').click();
  // First sign-in of this user: the IdP asks for consent; then Parapet answers (console or refusal).
  const consent = page.getByRole("button", { name: "Continue" });
  const landed = page.getByRole("heading", { name: "Overview" }).or(page.getByRole("alert"));
  await expect(consent.or(landed).first()).toBeVisible();
  if (await consent.isVisible()) await consent.click();
}

test.describe("[SSO]", () => {
  test("[SSO]: a mapped group gives its role and scope; no mapped group is refused; sign-out revokes the session", async ({
    page,
    browser,
    db,
    signedIn: _,
  }) => {
    const accounts = await db.query<{ id: string; name: string }>(
      "SELECT id, name FROM accounts WHERE status <> 'data_only' ORDER BY id LIMIT 2",
    );
    const [inScope, outOfScope] = accounts.rows;

    // The admin maps the IdP group in the console.
    await page.goto("/settings/sso");
    const form = page.getByRole("form", { name: "Map a group" });
    await form.getByLabel("Group (exact value of the groups claim)").fill("parapet-analysts-prod");
    await form.getByLabel("Role").selectOption("analyst");
    await form.getByLabel("Accounts by id").selectOption([inScope!.id]);
    await expect(form.getByTestId("scope-preview")).toContainText(`matches 1 account now (${inScope!.name})`);
    await form.getByRole("button", { name: "Save mapping" }).click();
    await expect(form.getByRole("status")).toContainText("parapet-analysts-prod");
    await expect(page.getByRole("table", { name: "Group mappings" })).toContainText("parapet-analysts-prod");

    // alice is in that group: she gets in as an analyst of that one account.
    const alice = await browser.newContext();
    const alicePage = await alice.newPage();
    await signInAtIdp(alicePage, "alice");
    await expect(alicePage.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(alicePage.getByRole("banner")).toContainText("alice@idp.example (analyst)");
    const user = await db.query(
      "SELECT role, all_accounts, account_scope, scope_tags, scope_ous, auth_source FROM users WHERE email = 'alice@idp.example'",
    );
    expect(user.rows).toEqual([
      { role: "analyst", all_accounts: false, account_scope: [inScope!.id], scope_tags: [], scope_ous: [], auth_source: "sso" },
    ]);
    expect((await alicePage.goto(`/accounts/${inScope!.id}`))?.status()).toBe(200);
    expect((await alicePage.goto(`/accounts/${outOfScope!.id}`))?.status()).toBe(404);
    expect((await alicePage.goto("/users"))?.status()).toBe(404);

    // Sign-out ends the session on the server: a saved copy of the cookie no longer works.
    const saved = await alice.storageState();
    await alicePage.goto("/");
    await alicePage.getByRole("button", { name: "Sign out" }).click();
    await expect(alicePage).toHaveURL(/\/sign-in/);
    const replay = await browser.newContext({ storageState: saved });
    const replayPage = await replay.newPage();
    await replayPage.goto("/");
    await expect(replayPage).toHaveURL(/\/sign-in/);
    const session = await replay.request.get("/api/auth/session");
    expect(await session.json()).toEqual({});
    await replay.close();
    await alice.close();

    // bob's groups map to nothing: refused, with a page that says so, and no user is made.
    const bob = await browser.newContext();
    const bobPage = await bob.newPage();
    await signInAtIdp(bobPage, "bob");
    await expect(bobPage).toHaveURL(/\/sign-in\/refused\?reason=no-group/);
    await expect(bobPage.getByRole("heading", { name: "Your account has no access to Parapet" })).toBeVisible();
    expect((await bobPage.goto("/"))?.url()).toMatch(/\/sign-in$/);
    expect((await db.query("SELECT 1 FROM users WHERE email = 'bob@idp.example'")).rowCount).toBe(0);
    await bob.close();

    // A group scoped by a tag: carol sees exactly the accounts that carry it, nothing else.
    const tag = (
      await db.query<{ key: string; value: string; ids: string[] }>(
        `SELECT t.key, t.value, array_agg(a.id ORDER BY a.id) AS ids
         FROM accounts a, jsonb_each_text(a.tags) AS t(key, value)
         GROUP BY t.key, t.value
         HAVING count(*) BETWEEN 2 AND (SELECT count(*) - 2 FROM accounts)
         ORDER BY count(*) DESC, t.key, t.value LIMIT 1`,
      )
    ).rows[0];
    expect(tag, "the demo's accounts share a tag that only some of them carry").toBeDefined();
    await page.goto("/settings/sso");
    const tagForm = page.getByRole("form", { name: "Map a group" });
    await tagForm.getByLabel("Group (exact value of the groups claim)").fill("parapet-tag-viewers");
    await tagForm.getByLabel("Role").selectOption("viewer");
    await tagForm.getByLabel("Tag key").fill(tag!.key);
    await tagForm.getByLabel("Tag value").fill(tag!.value);
    await tagForm.getByRole("button", { name: "Add tag" }).click();
    await expect(tagForm.getByRole("list", { name: "Chosen tags" })).toContainText(`${tag!.key}=${tag!.value}`);
    await expect(tagForm.getByTestId("scope-preview")).toContainText(`matches ${tag!.ids.length} accounts now`);
    await page.screenshot({ path: "test-results/screens/sso-mapping-form.png", fullPage: true });
    await tagForm.getByRole("button", { name: "Save mapping" }).click();
    await expect(tagForm.getByRole("status")).toContainText("parapet-tag-viewers");
    const mappings = page.getByRole("table", { name: "Group mappings" });
    await expect(mappings.getByRole("row", { name: /parapet-tag-viewers/ })).toContainText(`tag ${tag!.key}=${tag!.value}`);
    await expect(mappings.getByRole("row", { name: /parapet-tag-viewers/ })).toContainText(`matches ${tag!.ids.length} accounts now`);

    await page.screenshot({ path: "test-results/screens/sso-mappings.png", fullPage: true });
    const carol = await browser.newContext();
    const carolPage = await carol.newPage();
    await signInAtIdp(carolPage, "carol");
    await expect(carolPage.getByRole("banner")).toContainText("carol@idp.example (viewer)");
    const carolRow = await db.query(
      "SELECT role, all_accounts, account_scope, scope_tags, scope_ous FROM users WHERE email = 'carol@idp.example'",
    );
    expect(carolRow.rows).toEqual([
      { role: "viewer", all_accounts: false, account_scope: [], scope_tags: [{ key: tag!.key, value: tag!.value }], scope_ous: [] },
    ]);
    const exported = await carolPage.request.get("/api/accounts/export");
    expect(exported.status()).toBe(200);
    const exportedIds = (await exported.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(",")[0])
      .sort();
    expect(exportedIds).toEqual(tag!.ids);
    const outside = (
      await db.query<{ id: string }>("SELECT id FROM accounts WHERE NOT (id = ANY($1::text[])) ORDER BY id LIMIT 1", [tag!.ids])
    ).rows[0]!.id;
    expect((await carolPage.goto(`/accounts/${outside}`))?.status()).toBe(404);
    expect((await carolPage.goto(`/accounts/${tag!.ids[0]}`))?.status()).toBe(200);
    await carol.close();

    const audit = await db.query<{ action: string; target: string; reason: string | null }>(
      "SELECT action, target, detail->>'reason' AS reason FROM audit_log WHERE target IN ('alice@idp.example', 'bob@idp.example', 'parapet-analysts-prod') ORDER BY id",
    );
    expect(audit.rows.map((row) => [row.action, row.target, row.reason])).toEqual([
      ["sso-mapping.create", "parapet-analysts-prod", null],
      ["user.create", "alice@idp.example", null],
      ["auth.login", "alice@idp.example", null],
      ["auth.logout", "alice@idp.example", null],
      ["auth.login-failed", "bob@idp.example", "no-group"],
    ]);
    const scoped = await db.query<{ detail: { to: { scopeTags: unknown } } }>(
      "SELECT detail FROM audit_log WHERE action = 'sso-mapping.create' AND target = 'parapet-tag-viewers'",
    );
    expect(scoped.rows.map((row) => row.detail.to.scopeTags)).toEqual([[{ key: tag!.key, value: tag!.value }]]);
  });
});
