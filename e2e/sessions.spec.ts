import { expect, test } from "./fixtures";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./global-setup";
import { SignInPage } from "./pages/sign-in-page";

/** [SESSIONS] Weaknesses 3 and 4 through the real console: sign-out ends the session; forged addresses are ignored. */
test.describe("[SESSIONS]", () => {
  test("[SESSIONS]: a cookie saved before sign-out no longer works, and /api/auth/session does not renew it", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    const saved = await context.storageState();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await context.close();

    const replay = await browser.newContext({ storageState: saved });
    const session = await replay.request.get("/api/auth/session");
    expect(await session.json()).toEqual({});
    // The ended cookie is cleared, not re-issued with a later expiry.
    const setCookie = session
      .headersArray()
      .filter((header) => header.name.toLowerCase() === "set-cookie")
      .map((header) => header.value);
    expect(setCookie.some((value) => /^next-auth\.session-token=;/.test(value))).toBe(true);
    const page2 = await replay.newPage();
    await page2.goto("/accounts");
    await expect(page2).toHaveURL(/\/sign-in/);
    expect((await replay.request.get("/api/findings/export", { maxRedirects: 0 })).status()).toBe(401);
    await replay.close();
  });

  test("[SESSIONS]: an X-Forwarded-For written by the caller is not what the audit log records", async ({ browser, db }) => {
    const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "6.6.6.6" } });
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    const row = await db.query<{ ip: string | null }>(
      "SELECT ip FROM audit_log WHERE action = 'auth.login' AND actor_email = $1 ORDER BY id DESC LIMIT 1",
      [ADMIN_EMAIL],
    );
    // No trusted proxies are configured: the socket address (this machine) is the client.
    expect(row.rows[0]?.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
    await context.close();
  });
});
