import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { STATE_FILE } from "./global-setup";
import { expect, test } from "./fixtures";
import { OverviewPage } from "./pages/overview-page";
import { SignInPage } from "./pages/sign-in-page";

/** Creates a local user through the `parapet users` command, against the demo's database. */
function addUser(email: string, role: string, accounts: string[], password: string) {
  const { databaseUrl } = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string };
  execFileSync(
    process.execPath,
    [path.resolve(__dirname, "../bin/parapet.js"), "users", "add", email, "--role", role, "--accounts", accounts.join(","), "--password", password],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "pipe" },
  );
}

function disableUser(email: string) {
  const { databaseUrl } = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string };
  execFileSync(process.execPath, [path.resolve(__dirname, "../bin/parapet.js"), "users", "disable", email], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "pipe",
  });
}

test.describe("[SCOPING]", () => {
  test("[SCOPING]: a viewer sees only the accounts in their scope, and cannot open another one", async ({ page, db }) => {
    const accounts = await db.query<{ id: string }>("SELECT id FROM accounts WHERE status <> 'data_only' ORDER BY id");
    const [first, second, outside] = accounts.rows.map((row) => row.id);
    const email = `viewer-${Date.now()}@example.com`;
    addUser(email, "viewer", [first!, second!], "viewer-password-123");

    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(email, "viewer-password-123");
    const overview = new OverviewPage(page);
    await expect(overview.table.locator("tbody tr")).toHaveCount(2);
    await expect(overview.accountRow(first!)).toBeVisible();
    await expect(overview.accountRow(second!)).toBeVisible();
    await expect(overview.accountRow(outside!)).toHaveCount(0);

    const inside = await page.goto(`/accounts/${first}`);
    expect(inside?.status()).toBe(200);
    const forbidden = await page.goto(`/accounts/${outside}`);
    expect(forbidden?.status()).toBe(404);
    await expect(page.getByText(outside!)).toHaveCount(0);
  });

  test("[SCOPING]: a disabled user is signed out on their next request", async ({ page }) => {
    const email = `disabled-${Date.now()}@example.com`;
    addUser(email, "analyst", [], "analyst-password-123");
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(email, "analyst-password-123");
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    disableUser(email);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
