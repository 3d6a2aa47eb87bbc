import { expect, test } from "./fixtures";
import { ADMIN_EMAIL } from "./global-setup";
import { SignInPage } from "./pages/sign-in-page";

/** [USERS] The users console and the audit log page, as an admin uses them. */
test.describe("[USERS]", () => {
  test("[USERS]: an admin creates a user (password shown once), changes the role, and finds it all in the audit log and its CSV", async ({
    page,
    browser,
    db,
    signedIn: _,
  }) => {
    const account = (await db.query<{ id: string }>("SELECT id FROM accounts WHERE status <> 'data_only' ORDER BY id LIMIT 1")).rows[0]!.id;
    const email = `new-user-${Date.now()}@example.com`;
    await page.goto("/users");
    const form = page.getByRole("form", { name: "Create user" });
    await form.getByLabel("E-mail").fill(email);
    await form.getByLabel("Name (optional)").fill("New User");
    await form.getByLabel("Role").selectOption("viewer");
    await form.getByLabel("Accounts by id").selectOption([account]);
    await expect(form.getByTestId("scope-preview")).toContainText("matches 1 account now");
    await form.getByRole("button", { name: "Create user" }).click();
    const password = (await form.getByTestId("generated-password").textContent())!.trim();
    expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
    await expect(page.getByRole("table", { name: "Users" })).toContainText(email);
    await expect(page.getByRole("table", { name: "Users" }).getByRole("row", { name: new RegExp(email) })).toContainText(
      `${account}matches 1 account now`,
    );

    // The new user signs in with it and sees one account.
    const context = await browser.newContext();
    const userPage = await context.newPage();
    const signIn = new SignInPage(userPage);
    await signIn.goto();
    await signIn.signIn(email, password);
    await expect(userPage.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(userPage.getByRole("banner")).toContainText(`${email} (viewer)`);
    expect((await userPage.goto("/audit"))?.status()).toBe(404);

    // The admin makes them an analyst, then ends their sessions: the next request signs them out.
    await page.getByRole("table", { name: "Users" }).getByRole("link", { name: email }).click();
    const access = page.getByRole("form", { name: "Role and scope" });
    await access.getByLabel("Role").selectOption("analyst");
    // A bad OU id is refused with its own message, and nothing is saved.
    await access.getByLabel("OU id").fill("ou-nope");
    await access.getByRole("button", { name: "Add OU" }).click();
    await access.getByRole("button", { name: "Save" }).click();
    await expect(access.getByText('"ou-nope": expected an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)').first()).toBeVisible();
    expect((await db.query("SELECT role FROM users WHERE email = $1", [email])).rows).toEqual([{ role: "viewer" }]);
    await access.getByRole("button", { name: "Remove OU ou-nope" }).click();
    // A tag no account carries: allowed, with a warning that the console will be empty.
    await access.getByLabel("Tag key").fill("e2e-no-such-tag");
    await access.getByLabel("Tag value").fill("nothing");
    await access.getByRole("button", { name: "Add tag" }).click();
    await expect(access.getByTestId("scope-preview")).toContainText("matches 1 account now");
    await access.getByLabel("Accounts by id").selectOption([]);
    await expect(access.getByTestId("scope-preview")).toContainText("Matches no account now");
    await access.getByLabel("Accounts by id").selectOption([account]);
    await expect(access.getByTestId("scope-preview")).toContainText("matches 1 account now");
    await page.screenshot({ path: "test-results/screens/user-scope-form.png", fullPage: true });
    await access.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toContainText("Saved");
    const stored = await db.query("SELECT role, account_scope, scope_tags FROM users WHERE email = $1", [email]);
    expect(stored.rows).toEqual([
      { role: "analyst", account_scope: [account], scope_tags: [{ key: "e2e-no-such-tag", value: "nothing" }] },
    ]);
    await page.getByRole("button", { name: "End sessions" }).click();
    await expect(page.getByRole("status")).toContainText("Every session of this user ended");
    await userPage.goto("/");
    await expect(userPage).toHaveURL(/\/sign-in/);
    await context.close();

    // The audit log, filtered in the URL by target.
    await page.goto(`/audit?target=${encodeURIComponent(email)}`);
    const table = page.getByRole("table", { name: "Audit entries" });
    await expect(table.locator("tbody tr")).toHaveCount(5);
    await expect(table).toContainText("user.create");
    await expect(table).toContainText("user.role-change");
    await expect(table).toContainText("user.scope-change");
    await expect(table).toContainText("user.end-sessions");
    await expect(table).toContainText(ADMIN_EMAIL);
    const csv = await page.request.get(`/api/audit/export?target=${encodeURIComponent(email)}`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("id,at,actor_email,ip,action,target,detail");
    expect(lines.slice(1).map((line) => line.split(",")[4])).toEqual([
      "user.end-sessions",
      "user.scope-change",
      "user.role-change",
      "auth.login",
      "user.create",
    ]);
    // Every row of these console actions carries the client's address.
    expect(lines.slice(1).map((line) => line.split(",")[3])).not.toContain("");
    const scopeChange = await db.query("SELECT detail FROM audit_log WHERE action = 'user.scope-change' AND target = $1", [email]);
    expect(scopeChange.rows).toEqual([
      {
        detail: {
          from: { allAccounts: false, accountScope: [account], scopeTags: [], scopeOus: [] },
          to: { allAccounts: false, accountScope: [account], scopeTags: [{ key: "e2e-no-such-tag", value: "nothing" }], scopeOus: [] },
        },
      },
    ]);
    const exported = await db.query("SELECT actor_email FROM audit_log WHERE action = 'audit.export' ORDER BY id DESC LIMIT 1");
    expect(exported.rows).toEqual([{ actor_email: ADMIN_EMAIL }]);
  });
});
