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
    await form.getByLabel("Or only these accounts").selectOption([inScope!.id]);
    await form.getByRole("button", { name: "Save mapping" }).click();
    await expect(form.getByRole("status")).toContainText("parapet-analysts-prod");
    await expect(page.getByRole("table", { name: "Group mappings" })).toContainText("parapet-analysts-prod");

    // alice is in that group: she gets in as an analyst of that one account.
    const alice = await browser.newContext();
    const alicePage = await alice.newPage();
    await signInAtIdp(alicePage, "alice");
    await expect(alicePage.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(alicePage.getByRole("banner")).toContainText("alice@idp.example (analyst)");
    const user = await db.query("SELECT role, all_accounts, account_scope, auth_source FROM users WHERE email = 'alice@idp.example'");
    expect(user.rows).toEqual([{ role: "analyst", all_accounts: false, account_scope: [inScope!.id], auth_source: "sso" }]);
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
  });
});
