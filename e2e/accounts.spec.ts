import { ADMIN_EMAIL } from "./global-setup";
import { expect, test } from "./fixtures";
import { addUser } from "./fixtures/users";
import { AccountsPage } from "./pages/accounts-page";
import { SignInPage } from "./pages/sign-in-page";

/** A 12-digit id no simulated account uses (they are random; this one starts with 0, which the generator never draws). */
function uniqueAccountId(): string {
  return `0${String(Date.now()).slice(-8)}${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
}

test.describe("[ACCOUNTS]", () => {
  test("[ACCOUNTS]: lists every registered demo account with its status and score", async ({ page, db, signedIn: _ }) => {
    const accounts = new AccountsPage(page);
    await accounts.goto();
    const rows = await db.query<{ id: string; status: string; score: number | null }>(
      `SELECT a.id, a.status, (SELECT score FROM score_snapshots s WHERE s.account_id = a.id ORDER BY day DESC LIMIT 1) AS score
       FROM accounts a WHERE a.status <> 'data_only' ORDER BY a.id`,
    );
    expect(rows.rows.length).toBe(12);
    await expect(accounts.table.locator("tbody > tr")).toHaveCount(12);
    for (const row of rows.rows) {
      const tableRow = accounts.accountRow(row.id);
      await expect(tableRow).toBeVisible();
      await expect(tableRow.getByTestId("account-status")).toContainText(row.status);
      await expect(tableRow.getByTestId("account-score")).toHaveText(row.score === null ? "n/a" : Number(row.score).toFixed(1));
    }
    await page.screenshot({ path: "test-results/screens/accounts.png", fullPage: true });
  });

  test("[ACCOUNTS]: the CSV export is audited with its filters, the number of accounts it held and the client address", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const before = await db.query<{ id: string }>("SELECT coalesce(max(id), 0)::text AS id FROM audit_log");
    const response = await page.request.get("/api/accounts/export?status=active");
    expect(response.status()).toBe(200);
    const dataLines = (await response.text()).split("\r\n").filter(Boolean).length - 1;
    const active = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM accounts WHERE status = 'active'");
    expect(dataLines).toBe(active.rows[0]!.n);
    const audit = await db.query<{ actor_email: string; detail: { filters: { status?: string }; rows: number }; ip: string | null }>(
      "SELECT actor_email, detail, ip FROM audit_log WHERE action = 'accounts.export' AND id > $1::bigint ORDER BY id",
      [before.rows[0]!.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.actor_email).toBe(ADMIN_EMAIL);
    expect(audit.rows[0]!.detail.filters.status).toBe("active");
    expect(audit.rows[0]!.detail.rows).toBe(dataLines);
    expect(audit.rows[0]!.ip).toBeTruthy();
  });

  test("[ACCOUNTS]: an admin edits an account's tags from the list: the row, the database and the audit log change; bad lines change nothing", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const { rows } = await db.query<{ id: string; tags: Record<string, string> }>(
      "SELECT id, tags FROM accounts WHERE status <> 'data_only' ORDER BY id LIMIT 1",
    );
    const target = rows[0]!;
    const stamp = `v${Date.now()}`;
    const accounts = new AccountsPage(page);
    await accounts.goto();
    const row = accounts.accountRow(target.id);
    await row.getByTestId("edit-tags").click();
    const text = row.getByRole("textbox", { name: /Tags, one/ });
    const before = await text.inputValue();
    expect((before === "" ? [] : before.split("\n")).sort()).toEqual(
      Object.entries(target.tags)
        .map(([key, value]) => `${key}=${value}`)
        .sort(),
    );

    // A line without "=" is refused with the line named, and nothing is stored.
    await text.fill(`${before}\nno-equals-sign`);
    await row.getByRole("button", { name: "Save tags" }).click();
    await expect(row.getByRole("alert")).toContainText(`line ${before.split("\n").length + 1}: expected key=value`);
    const unchanged = await db.query<{ tags: Record<string, string> }>("SELECT tags FROM accounts WHERE id = $1", [target.id]);
    expect(unchanged.rows[0]!.tags).toEqual(target.tags);

    await text.fill(`${before}\nlist-edit=${stamp}`);
    await row.getByRole("button", { name: "Save tags" }).click();
    await expect(row.getByTestId("account-tags-message")).toContainText(`Saved ${Object.keys(target.tags).length + 1} tag(s).`);
    await expect(row.getByTestId("account-tags-cell")).toContainText(`list-edit=${stamp}`);
    const after = await db.query<{ tags: Record<string, string> }>("SELECT tags FROM accounts WHERE id = $1", [target.id]);
    expect(after.rows[0]!.tags).toEqual({ ...target.tags, "list-edit": stamp });
    const audit = await db.query<{ actor_email: string; detail: { before: Record<string, string>; after: Record<string, string> } }>(
      "SELECT actor_email, detail FROM audit_log WHERE action = 'account.tags' AND target = $1 ORDER BY at DESC LIMIT 1",
      [target.id],
    );
    expect(audit.rows[0]?.actor_email).toBe(ADMIN_EMAIL);
    expect(audit.rows[0]?.detail.before).toEqual(target.tags);
    expect(audit.rows[0]?.detail.after["list-edit"]).toBe(stamp);

    // The new tag is a filter choice and selects exactly that account.
    await page.goto(`/accounts?tag=${encodeURIComponent(`list-edit=${stamp}`)}`);
    await expect(accounts.table.locator("tbody > tr")).toHaveCount(1);
    await expect(accounts.accountRow(target.id)).toBeVisible();
  });

  test("[ACCOUNTS]: the list shows each account's OU and filters by OU as the database places them", async ({ page, db, signedIn: _ }) => {
    const placed = await db.query<{ id: string; ou_path: string }>(
      "SELECT id, ou_path FROM accounts WHERE status <> 'data_only' AND ou_path IS NOT NULL ORDER BY id",
    );
    expect(placed.rows.length).toBeGreaterThan(0);
    const accounts = new AccountsPage(page);
    await accounts.goto();
    for (const account of placed.rows) {
      await expect(accounts.accountRow(account.id).getByTestId("account-ou")).toHaveText(account.ou_path.split("/").at(-1)!);
    }
    const ou = placed.rows[0]!.ou_path.split("/").at(-1)!;
    const expected = await db.query<{ id: string }>(
      "SELECT id FROM accounts WHERE status <> 'data_only' AND ('/' || ou_path || '/') LIKE '%/' || $1 || '/%' ORDER BY id",
      [ou],
    );
    await page.getByLabel("OU", { exact: true }).selectOption(ou);
    await expect(page).toHaveURL(new RegExp(`[?&]ou=${ou}`));
    const shown = await accounts.table.locator("tbody > tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-account-id")));
    expect(shown.sort()).toEqual(expected.rows.map((row) => row.id));
  });

  test("[ACCOUNTS]: analysts and viewers see the tags in the list but get no tag editor", async ({ browser, db }) => {
    const { rows } = await db.query<{ id: string }>("SELECT id FROM accounts WHERE status <> 'data_only' ORDER BY id LIMIT 1");
    const target = rows[0]!.id;
    for (const role of ["analyst", "viewer"]) {
      const email = `list-tags-${role}-${Date.now()}@example.com`;
      addUser(email, role, [target], `${role}-password-123`);
      const page = await (await browser.newContext()).newPage();
      await new SignInPage(page).goto();
      await new SignInPage(page).signIn(email, `${role}-password-123`);
      await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
      const accounts = new AccountsPage(page);
      await accounts.goto();
      await expect(accounts.accountRow(target).getByTestId("account-tags-cell")).toBeVisible();
      await expect(page.getByTestId("edit-tags")).toHaveCount(0);
      await expect(page.getByTestId("account-tags-form")).toHaveCount(0);
      await page.context().close();
    }
  });

  test("[ACCOUNTS]: onboarding refuses an 11-digit id, a malformed ARN and a role in another account with field errors", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const accounts = new AccountsPage(page);
    await accounts.goto();
    const shortId = "12345678901";
    await accounts.fillOnboarding({
      id: shortId,
      name: "too short",
      roleArn: "arn:aws:iam::role/NoAccount",
      externalId: "x",
      regions: "us-east-1, not-a-region",
    });
    await accounts.submitOnboarding();
    await expect(accounts.fieldError("id")).toContainText("12 digits");
    await expect(accounts.fieldError("roleArn")).toContainText("arn:aws:iam::<12 digits>:role/<name>");
    await expect(accounts.fieldError("externalId")).toContainText("2-1224");
    await expect(accounts.fieldError("regions")).toContainText("region");
    await expect(accounts.form.getByLabel("Account id")).toHaveValue(shortId);

    const id = uniqueAccountId();
    await accounts.fillOnboarding({
      id,
      name: "wrong role",
      roleArn: "arn:aws:iam::111122223333:role/ParapetReadOnly",
      externalId: "e2e-external-id",
      regions: "us-east-1",
    });
    await accounts.submitOnboarding();
    await expect(accounts.fieldError("roleArn")).toContainText(`must be in account ${id}`);
    await expect(accounts.fieldError("id")).toHaveCount(0);
    const stored = await db.query("SELECT 1 FROM accounts WHERE id = ANY($1::text[])", [[shortId, id]]);
    expect(stored.rowCount).toBe(0);
    await page.screenshot({ path: "test-results/screens/accounts-form-errors.png", fullPage: true });
  });

  test("[ACCOUNTS]: onboarding a valid account stores it as pending and audits it", async ({ page, db, signedIn: _ }) => {
    const accounts = new AccountsPage(page);
    const id = uniqueAccountId();
    try {
      await accounts.goto();
      await accounts.fillOnboarding({
        id,
        name: `e2e-onboarded-${id}`,
        roleArn: `arn:aws:iam::${id}:role/ParapetReadOnly`,
        externalId: "e2e-external:id/1",
        regions: "us-east-1, eu-west-1",
        owner: "e2e-team",
      });
      await accounts.submitOnboarding();
      await expect(accounts.onboardResult()).toContainText(`Account ${id} added`);
      const stored = await db.query<{ status: string; regions: string[]; external_id: string; owner: string }>(
        "SELECT status, regions, external_id, owner FROM accounts WHERE id = $1",
        [id],
      );
      expect(stored.rows[0]).toEqual({
        status: "pending",
        regions: ["us-east-1", "eu-west-1"],
        external_id: "e2e-external:id/1",
        owner: "e2e-team",
      });
      const audit = await db.query("SELECT 1 FROM audit_log WHERE action = 'account.create' AND target = $1", [id]);
      expect(audit.rowCount).toBe(1);
      await expect(accounts.accountRow(id)).toBeVisible();
      await expect(accounts.accountRow(id).getByTestId("account-status")).toContainText("pending");

      await accounts.fillOnboarding({
        id,
        name: "again",
        roleArn: `arn:aws:iam::${id}:role/ParapetReadOnly`,
        externalId: "e2e-external-id",
        regions: "us-east-1",
      });
      await accounts.submitOnboarding();
      await expect(accounts.fieldError("id")).toContainText("already registered");
    } finally {
      await db.query("DELETE FROM accounts WHERE id = $1", [id]);
    }
  });

  test("[ACCOUNTS]: test connection on a demo account assumes the role and reaches GuardDuty and Security Hub", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const accounts = new AccountsPage(page);
    const account = await db.query<{ id: string }>("SELECT id FROM accounts WHERE name = 'management' AND role_arn IS NOT NULL");
    const id = account.rows[0]!.id;
    const before = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'account.test-connection' AND target = $1",
      [id],
    );
    await accounts.goto();
    await accounts.testRowConnection(id);
    const row = accounts.accountRow(id);
    const report = accounts.connectionReport(row);
    await expect(report).toBeVisible({ timeout: 30_000 });
    await expect(report).toHaveAttribute("data-ok", "true");
    await expect(accounts.step(report, "sts:AssumeRole")).toHaveAttribute("data-status", "ok");
    await expect(accounts.step(report, "sts:GetCallerIdentity")).toHaveAttribute("data-status", "ok");
    await expect(accounts.step(report, "sts:GetCallerIdentity")).toContainText(`assumed-role/ParapetReadOnly`);
    await expect(accounts.step(report, "guardduty:ListDetectors")).not.toHaveAttribute("data-status", "failed");
    await expect(accounts.step(report, "securityhub:DescribeHub")).not.toHaveAttribute("data-status", "failed");
    const after = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'account.test-connection' AND target = $1",
      [id],
    );
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n + 1);
    await page.screenshot({ path: "test-results/screens/accounts-test-connection.png", fullPage: true });
  });

  test("[ACCOUNTS]: test connection with a wrong ExternalId reports AWS's AccessDenied", async ({ page, db, signedIn: _ }) => {
    const accounts = new AccountsPage(page);
    const account = await db.query<{ id: string; role_arn: string; external_id: string }>(
      "SELECT id, role_arn, external_id FROM accounts WHERE role_arn IS NOT NULL AND status <> 'data_only' AND name <> 'management' ORDER BY id LIMIT 1",
    );
    const { id, role_arn: roleArn, external_id: externalId } = account.rows[0]!;

    // Before saving: the onboarding form tests the typed values.
    await accounts.goto();
    await accounts.fillOnboarding({
      id,
      name: "wrong external id",
      roleArn,
      externalId: "not-the-right-external-id",
      regions: "us-east-1",
    });
    await accounts.testOnboardingConnection();
    const formReport = accounts.connectionReport(accounts.form);
    await expect(formReport).toBeVisible({ timeout: 30_000 });
    await expect(formReport).toHaveAttribute("data-ok", "false");
    await expect(accounts.step(formReport, "sts:AssumeRole")).toHaveAttribute("data-status", "failed");
    await expect(accounts.step(formReport, "sts:AssumeRole").getByTestId("step-code")).toHaveText("AccessDenied");
    await expect(accounts.step(formReport, "sts:AssumeRole")).toContainText("not authorized to perform: sts:AssumeRole");
    await expect(accounts.step(formReport, "securityhub:DescribeHub")).toHaveAttribute("data-status", "skipped");

    // A registered account whose stored ExternalId is wrong.
    await db.query("UPDATE accounts SET external_id = 'e2e-wrong-external-id' WHERE id = $1", [id]);
    try {
      await accounts.goto();
      await accounts.testRowConnection(id);
      const rowReport = accounts.connectionReport(accounts.accountRow(id));
      await expect(rowReport).toBeVisible({ timeout: 30_000 });
      await expect(accounts.step(rowReport, "sts:AssumeRole").getByTestId("step-code")).toHaveText("AccessDenied");
      await page.screenshot({ path: "test-results/screens/accounts-access-denied.png", fullPage: true });
    } finally {
      await db.query("UPDATE accounts SET external_id = $2 WHERE id = $1", [id, externalId]);
    }
  });

  test("[ACCOUNTS]: editing an account refuses bad fields, tests the edited role, keeps a blank ExternalId and audits without it", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const accounts = new AccountsPage(page);
    const picked = await db.query<{
      id: string;
      name: string;
      role_arn: string;
      external_id: string;
      regions: string[];
      owner: string | null;
      status: string;
      status_error: string | null;
    }>(
      "SELECT id, name, role_arn, external_id, regions, owner, status, status_error FROM accounts WHERE role_arn IS NOT NULL AND status = 'active' AND name <> 'management' ORDER BY id DESC LIMIT 1",
    );
    const original = picked.rows[0]!;
    const { id } = original;
    try {
      await accounts.goto();
      await accounts.accountRow(id).getByRole("link", { name: "Edit" }).click();
      await expect(page).toHaveURL(new RegExp(`/accounts/${id}/edit$`));
      const form = page.getByTestId("edit-form");
      await expect(form.getByLabel("Account id")).toHaveValue(id);
      await expect(form.getByLabel("Name")).toHaveValue(original.name);
      await expect(form.getByLabel("Role ARN")).toHaveValue(original.role_arn);
      await expect(form.getByLabel("ExternalId")).toHaveValue("");
      await expect(form.getByLabel("Regions")).toHaveValue(original.regions.join(", "));

      // Bad fields: nothing is saved.
      await form.getByLabel("Role ARN").fill("arn:aws:iam::111122223333:role/ParapetReadOnly");
      await form.getByLabel("Regions").fill("us-east-1, nowhere");
      await form.getByRole("button", { name: "Save changes" }).click();
      await expect(form.getByTestId("field-error-roleArn")).toContainText(`must be in account ${id}`);
      await expect(form.getByTestId("field-error-regions")).toContainText("region");

      // Test connection tries the typed values: a wrong ExternalId is AWS's AccessDenied ...
      await form.getByLabel("Role ARN").fill(original.role_arn);
      await form.getByLabel("Regions").fill("us-east-1");
      await form.getByLabel("ExternalId").fill("e2e-not-the-external-id");
      await form.getByRole("button", { name: "Test connection" }).click();
      const report = accounts.connectionReport(form);
      await expect(report).toHaveAttribute("data-ok", "false", { timeout: 30_000 });
      await expect(accounts.step(report, "sts:AssumeRole").getByTestId("step-code")).toHaveText("AccessDenied");
      // ... and a blank one means the stored one, which works.
      await form.getByLabel("ExternalId").fill("");
      await form.getByRole("button", { name: "Test connection" }).click();
      await expect(report).toHaveAttribute("data-ok", "true", { timeout: 30_000 });

      await form.getByLabel("Name").fill(`${original.name}-edited`);
      await form.getByLabel("Owner").fill("e2e-owner@example.com");
      await form.getByRole("button", { name: "Save changes" }).click();
      await expect(form.getByTestId("onboard-result")).toHaveText("Saved: name, regions, owner.");
      const saved = await db.query("SELECT name, external_id, regions, owner, status FROM accounts WHERE id = $1", [id]);
      expect(saved.rows[0]).toEqual({
        name: `${original.name}-edited`,
        external_id: original.external_id,
        regions: ["us-east-1"],
        owner: "e2e-owner@example.com",
        status: "active",
      });

      // A new ExternalId: stored, the account is pending until a collection proves it, and the log never holds the value.
      await form.getByLabel("ExternalId").fill("e2e-new-external-id");
      await form.getByRole("button", { name: "Save changes" }).click();
      await expect(form.getByTestId("onboard-result")).toHaveText("Saved: ExternalId. The next collection uses the new role.");
      const rotated = await db.query("SELECT external_id, status FROM accounts WHERE id = $1", [id]);
      expect(rotated.rows[0]).toEqual({ external_id: "e2e-new-external-id", status: "pending" });
      const audit = await db.query<{ detail: { changed: string[] } }>(
        "SELECT detail FROM audit_log WHERE action = 'account.update' AND target = $1 ORDER BY id",
        [id],
      );
      expect(audit.rows.map((row) => row.detail.changed)).toEqual([["name", "regions", "owner"], ["externalId"]]);
      expect(JSON.stringify(audit.rows)).not.toContain("e2e-new-external-id");
      expect(JSON.stringify(audit.rows)).not.toContain(original.external_id);
      await page.screenshot({ path: "test-results/screens/accounts-edit.png", fullPage: true });

      await page.goto(`/accounts/${id}`);
      await expect(page.getByRole("heading", { name: new RegExp(`${original.name}-edited`) })).toBeVisible();
      await expect(page.getByTestId("account-header")).toContainText("e2e-owner@example.com");
    } finally {
      await db.query(
        "UPDATE accounts SET name = $2, external_id = $3, regions = $4, owner = $5, status = $6, status_error = $7 WHERE id = $1",
        [id, original.name, original.external_id, original.regions, original.owner, original.status, original.status_error],
      );
    }
  });

  test("[ACCOUNTS]: discovery through Organizations lists the organisation from the management account only", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const accounts = new AccountsPage(page);
    const management = await db.query<{ id: string }>("SELECT id FROM accounts WHERE name = 'management'");
    const member = await db.query<{ id: string }>(
      "SELECT id FROM accounts WHERE name <> 'management' AND status <> 'data_only' ORDER BY id LIMIT 1",
    );
    await accounts.goto();
    const source = accounts.discovery.getByLabel("Management or delegated administrator account");

    // The management account is suggested and filled in; any registered account's id can be entered.
    await expect(source).toHaveValue(management.rows[0]!.id);
    await expect(accounts.discovery).toContainText(`Likely: management (${management.rows[0]!.id})`);
    await source.fill(member.rows[0]!.id);
    await accounts.discovery.getByRole("button", { name: "Discover accounts" }).click();
    await expect(accounts.discovery.getByTestId("discovery-result")).toContainText("AccessDeniedException", { timeout: 30_000 });

    await source.fill(management.rows[0]!.id);
    await accounts.discovery.getByRole("button", { name: "Discover accounts" }).click();
    await expect(accounts.discovery.getByTestId("discovery-result")).toContainText(
      "12 accounts in the organisation, 0 not registered yet",
      { timeout: 30_000 },
    );
  });

  test("[ACCOUNTS]: discovery proposes an organisation account that is not registered, with the management role's name", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const accounts = new AccountsPage(page);
    const management = await db.query<{ id: string }>("SELECT id FROM accounts WHERE name = 'management'");
    // An account known only from records is not registered: discovery must propose it.
    const member = await db.query<{ id: string; status: string }>(
      "SELECT id, status FROM accounts WHERE name <> 'management' AND status <> 'data_only' ORDER BY id DESC LIMIT 1",
    );
    const { id, status } = member.rows[0]!;
    await db.query("UPDATE accounts SET status = 'data_only' WHERE id = $1", [id]);
    try {
      await accounts.goto();
      // Listed as known from records only (its own pager), and no longer among the registered accounts.
      await expect(page.getByTestId("records-only-table").locator(`tr[data-account-id="${id}"]`)).toBeVisible();
      const recordsOnly = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM accounts WHERE status = 'data_only'")).rows[0]!.n;
      await expect(page.getByTestId("records-only-pager-range")).toHaveText(
        `Showing 1-${Math.min(recordsOnly, 25)} of ${recordsOnly} accounts`,
      );
      await expect(accounts.accountRow(id)).toHaveCount(0);
      await accounts.discovery.getByLabel("Management or delegated administrator account").fill(management.rows[0]!.id);
      await accounts.discovery.getByRole("button", { name: "Discover accounts" }).click();
      await expect(accounts.discovery.getByTestId("discovery-result")).toContainText("1 not registered yet", { timeout: 30_000 });
      const proposal = accounts.discovery.locator(`tr[data-proposal-id="${id}"]`);
      await expect(proposal).toContainText(`arn:aws:iam::${id}:role/ParapetReadOnly`);
      await proposal.getByRole("button", { name: "Add..." }).click();
      await expect(accounts.discovery.getByTestId("onboard-form").getByLabel("Role ARN")).toHaveValue(
        `arn:aws:iam::${id}:role/ParapetReadOnly`,
      );
      await page.screenshot({ path: "test-results/screens/accounts-discovery.png", fullPage: true });
    } finally {
      await db.query("UPDATE accounts SET status = $2 WHERE id = $1", [id, status]);
    }
  });
});

test.describe("[COLLECTION]", () => {
  test("[COLLECTION]: shows each account's latest run as stored, and 'Collect now' records a manual run there", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const latest = await db.query<{ id: string; status: string }>(
      `SELECT a.id, r.status FROM accounts a
       JOIN LATERAL (SELECT status FROM collection_runs WHERE account_id = a.id ORDER BY started_at DESC LIMIT 1) r ON true
       WHERE a.status <> 'data_only'`,
    );
    expect(latest.rows.length).toBe(12);
    await page.goto("/collection");
    const table = page.getByTestId("latest-runs");
    for (const row of latest.rows) {
      await expect(table.locator(`tr[data-account-id="${row.id}"]`).getByTestId("run-status")).toHaveText(row.status);
    }
    await expect(page.getByTestId("runs-table")).toBeVisible();
    // Each long list is a page counted in SQL; the tile counts every listed account, not the page's rows.
    await expect(page.getByTestId("latest-runs-pager-range")).toHaveText(
      `Showing 1-${latest.rows.length} of ${latest.rows.length} accounts`,
    );
    const failing = latest.rows.filter((row) => row.status === "failed" || row.status === "partial").length;
    await expect(page.getByTestId("failing-accounts")).toHaveText(String(failing));
    const cursors = await db.query<{ state: string; n: number }>(
      "SELECT state, count(*)::int AS n FROM source_cursors GROUP BY state ORDER BY state",
    );
    for (const row of cursors.rows) await expect(page.getByTestId("cursor-counts")).toContainText(`${row.n} ${row.state}`);
    await page.screenshot({ path: "test-results/screens/collection.png", fullPage: true });
    await page.goto("/collection?cursor=all");
    const cursorTotal = cursors.rows.reduce((sum, row) => sum + row.n, 0);
    await expect(page.getByTestId("cursors-table").locator("tbody tr")).toHaveCount(Math.min(cursorTotal, 100));
    await expect(page.getByTestId("cursors-pager-range")).toHaveText(`Showing 1-${Math.min(cursorTotal, 100)} of ${cursorTotal} cursors`);

    const account = await db.query<{ id: string }>("SELECT id FROM accounts WHERE name = 'management'");
    const id = account.rows[0]!.id;
    const before = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM collection_runs WHERE account_id = $1 AND trigger = 'manual'",
      [id],
    );
    const accounts = new AccountsPage(page);
    await accounts.goto();
    await accounts.accountRow(id).getByRole("button", { name: "Collect now" }).click();
    await expect(accounts.accountRow(id).getByTestId("row-result")).toHaveText("Collection queued.");
    await expect
      .poll(
        async () =>
          (
            await db.query<{ n: number }>("SELECT count(*)::int AS n FROM collection_runs WHERE account_id = $1 AND trigger = 'manual'", [
              id,
            ])
          ).rows[0]!.n,
        {
          timeout: 60_000,
        },
      )
      .toBe(before.rows[0]!.n + 1);
    const audit = await db.query("SELECT 1 FROM audit_log WHERE action = 'account.collect' AND target = $1", [id]);
    expect(audit.rowCount).toBeGreaterThan(0);
    // The account filter: a row's link fills it in; the field names the account it holds.
    await page.goto("/collection");
    await page.getByTestId("latest-runs").locator(`tr[data-account-id="${id}"]`).getByRole("link", { name: "runs and cursors" }).click();
    await expect(page).toHaveURL(new RegExp(`/collection\\?account=${id}$`));
    await expect(page.getByLabel("Account id")).toHaveValue(id);
    await expect(page.getByTestId("collection-account-hint")).toContainText("management");
    await expect(page.getByTestId("latest-runs").locator("tbody tr")).toHaveCount(1);
    await expect(page.getByTestId("runs-table").locator("tbody tr").first()).toContainText("manual");
  });
});
