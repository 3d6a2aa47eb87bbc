import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./global-setup";
import { expect, test } from "./fixtures";
import { OverviewPage } from "./pages/overview-page";

test.describe("[OVERVIEW]", () => {
  test("[OVERVIEW]: shows every simulated account with the score and counts stored in the database", async ({ page, db, signedIn: _ }) => {
    const overview = new OverviewPage(page);
    await overview.goto();

    const accounts = await db.query<{ id: string; score: number | null }>(
      `SELECT a.id, (SELECT score FROM score_snapshots s WHERE s.account_id = a.id ORDER BY day DESC LIMIT 1) AS score
       FROM accounts a WHERE a.status <> 'data_only' ORDER BY a.id`,
    );
    expect(accounts.rows.length).toBe(12);
    await expect(overview.table.locator("tbody tr")).toHaveCount(12);

    for (const account of accounts.rows) {
      expect(account.score, `account ${account.id} has a score`).not.toBeNull();
      await expect(overview.accountRow(account.id)).toBeVisible();
      expect(await overview.cell(account.id, "account-score")).toBe(Number(account.score).toFixed(1));
      const counts = await db.query<{ label: string; n: number }>(
        `SELECT severity_label AS label, count(*)::int AS n FROM findings
         WHERE account_id = $1 AND status = 'active' AND linked_guardduty_id IS NULL
           AND (compliance_status IS NULL OR compliance_status <> 'PASSED')
         GROUP BY severity_label`,
        [account.id],
      );
      const count = (label: string) => String(counts.rows.find((row) => row.label === label)?.n ?? 0);
      expect(await overview.cell(account.id, "count-critical")).toBe(count("CRITICAL"));
      expect(await overview.cell(account.id, "count-high")).toBe(count("HIGH"));
      expect(await overview.cell(account.id, "count-medium")).toBe(count("MEDIUM"));
      expect(await overview.cell(account.id, "count-low")).toBe(count("LOW"));
    }

    const totalFindings = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM findings");
    expect(totalFindings.rows[0]!.n).toBeGreaterThan(0);
    await expect(page.getByTestId("severity-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
    await page.screenshot({ path: "test-results/e2e/overview.png", fullPage: true });
  });
});

test.describe("[AUTH]", () => {
  test("[AUTH]: a visitor without a session is sent to sign-in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  });

  test("[AUTH]: a wrong password is refused with a message and audited", async ({ page, db }) => {
    const before = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login-failed'");
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(ADMIN_EMAIL);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/sign-in/);
    const after = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login-failed'");
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n + 1);
  });
});

test.describe("[SECURITY HEADERS]", () => {
  test("[SECURITY HEADERS]: every page carries a nonce CSP that its own scripts satisfy, and nothing is blocked", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
    });

    const response = await page.goto("/sign-in");
    const policy = response!.headers()["content-security-policy"] ?? "";
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
    expect(nonce, policy).toBeDefined();
    expect(policy).toContain("'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(response!.headers()["x-frame-options"]).toBe("DENY");
    // Next.js stamped this request's nonce on its script tags (so they run), and a second
    // request gets another nonce.
    const scripts = await page.locator("script").evaluateAll((nodes) => nodes.map((node) => (node as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(new Set(scripts)).toEqual(new Set([nonce]));
    const again = await page.request.get("/sign-in");
    expect(again.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);

    // Hydrated pages still work under the policy: sign in, open an account, use a client chart.
    await page.getByLabel("Email").fill(ADMIN_EMAIL);
    await page.getByLabel("Password").fill(ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    const unknown = await page.goto("/no-such-page");
    expect(unknown!.status()).toBe(404);
    expect(unknown!.headers()["content-security-policy"]).toMatch(/'nonce-/);
    expect(violations).toEqual([]);
  });
});
