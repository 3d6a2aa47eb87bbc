import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ADMIN_EMAIL, ADMIN_PASSWORD, STATE_FILE } from "./global-setup";
import { expect, test } from "./fixtures";
import { addUser } from "./fixtures/users";
import { OverviewPage } from "./pages/overview-page";
import { SignInPage } from "./pages/sign-in-page";

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

  test("[SCOPING]: a user scoped by Organizations OU sees exactly the accounts below it", async ({ page, db }) => {
    // The demo's discovery stored each account's OU path; pick an OU that holds some accounts but not all.
    const paths = await db.query<{ id: string; ou_path: string | null }>(
      "SELECT id, ou_path FROM accounts WHERE status <> 'data_only' ORDER BY id",
    );
    expect(paths.rows.every((row) => row.ou_path?.startsWith("r-"))).toBe(true);
    const byOu = new Map<string, string[]>();
    for (const row of paths.rows)
      for (const ou of row.ou_path!.split("/").filter((id) => id.startsWith("ou-"))) byOu.set(ou, [...(byOu.get(ou) ?? []), row.id]);
    const [ou, inside] = [...byOu.entries()].find(([, ids]) => ids.length >= 2 && ids.length < paths.rows.length)!;
    const email = `ou-viewer-${Date.now()}@example.com`;
    addUser(email, "viewer", { ous: [ou] }, "viewer-password-123");

    await new SignInPage(page).goto();
    await new SignInPage(page).signIn(email, "viewer-password-123");
    const overview = new OverviewPage(page);
    await expect(overview.table.locator("tbody tr")).toHaveCount(inside.length);
    for (const id of inside) await expect(overview.accountRow(id)).toBeVisible();
    const outside = paths.rows.find((row) => !inside.includes(row.id))!.id;
    expect((await page.goto(`/accounts/${outside}`))?.status()).toBe(404);
    await expect(page.getByTestId("account-ou-path")).toHaveCount(0);
    await page.goto(`/accounts/${inside[0]}`);
    await expect(page.getByTestId("account-ou-path")).toContainText(ou);
  });

  test("[SCOPING]: an admin's tag edit puts an account into a tag scope; a scope matching nothing shows nothing", async ({
    browser,
    db,
  }) => {
    const accounts = await db.query<{ id: string }>("SELECT id FROM accounts WHERE status <> 'data_only' ORDER BY id");
    const target = accounts.rows[accounts.rows.length - 1]!.id;
    const tag = `e2e-${Date.now()}`;
    const tagged = `tagged-${Date.now()}@example.com`;
    addUser(tagged, "viewer", { tags: [`scope-check=${tag}`] }, "viewer-password-123");
    const nobody = `nobody-${Date.now()}@example.com`;
    addUser(nobody, "viewer", { tags: ["scope-check=matches-nothing"], ous: ["ou-zzzz-zzzzzzzz"] }, "viewer-password-123");

    const asUser = async (email: string) => {
      const page = await (await browser.newContext()).newPage();
      await new SignInPage(page).goto();
      await new SignInPage(page).signIn(email, "viewer-password-123");
      await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
      return page;
    };
    const viewer = await asUser(tagged);
    await expect(new OverviewPage(viewer).table).toHaveCount(0);

    const admin = await (await browser.newContext()).newPage();
    await new SignInPage(admin).goto();
    await new SignInPage(admin).signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await expect(admin.getByRole("heading", { name: "Overview" })).toBeVisible();
    await admin.goto(`/accounts/${target}`);
    const panel = admin.getByTestId("account-tags");
    await panel.getByRole("button", { name: "Edit tags" }).click();
    const text = panel.getByRole("textbox");
    await text.fill(`${await text.inputValue()}\nscope-check=${tag}`);
    await panel.getByRole("button", { name: "Save tags" }).click();
    await expect(panel.getByTestId("account-tags-message")).toContainText("Saved");
    await expect(panel.getByTestId("account-tag-list")).toContainText(`scope-check=${tag}`);
    const audit = await db.query<{ actor_email: string; detail: { after: Record<string, string> } }>(
      "SELECT actor_email, detail FROM audit_log WHERE action = 'account.tags' AND target = $1 ORDER BY at DESC LIMIT 1",
      [target],
    );
    expect(audit.rows[0]?.actor_email).toBe(ADMIN_EMAIL);
    expect(audit.rows[0]?.detail.after["scope-check"]).toBe(tag);

    await viewer.goto("/");
    await expect(new OverviewPage(viewer).table.locator("tbody tr")).toHaveCount(1);
    await expect(new OverviewPage(viewer).accountRow(target)).toBeVisible();
    // A viewer sees the tags but cannot edit them.
    await viewer.goto(`/accounts/${target}`);
    await expect(viewer.getByTestId("account-tag-list")).toContainText(`scope-check=${tag}`);
    await expect(viewer.getByRole("button", { name: "Edit tags" })).toHaveCount(0);

    const empty = await asUser(nobody);
    await expect(new OverviewPage(empty).table).toHaveCount(0);
    expect((await empty.goto(`/accounts/${target}`))?.status()).toBe(404);
    await empty.goto("/findings");
    await expect(empty.getByRole("heading", { name: "Findings" })).toBeVisible();
    await expect(empty.locator("tbody tr[data-finding-id]")).toHaveCount(0);
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
