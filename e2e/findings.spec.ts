import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { FindingsPage } from "./pages/findings-page";

/** The explorer's default scope: active, not a Security Hub copy of a GuardDuty finding, not a PASSED control. */
const DEFAULT_CONDITIONS =
  "status = 'active' AND linked_guardduty_id IS NULL AND (compliance_status IS NULL OR compliance_status <> 'PASSED')";

test.describe("[FINDINGS]", () => {
  for (const severity of ["HIGH", "LOW"]) {
    test(`[FINDINGS]: severity=${severity} in the URL shows the count and rows the database holds`, async ({ page, db, signedIn: _ }) => {
      const findings = new FindingsPage(page);
      const expected = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM findings WHERE severity_label = $1 AND ${DEFAULT_CONDITIONS}`,
        [severity],
      );
      const total = expected.rows[0]!.n;
      expect(total).toBeGreaterThan(0);
      await findings.goto({ severity });
      await expect(findings.count).toBeVisible();
      expect(await findings.shownCount()).toBe(total);
      await expect(findings.rows()).toHaveCount(Math.min(total, 50));
      const labels = await findings.table.getByTestId("finding-severity").allInnerTexts();
      expect(new Set(labels)).toEqual(new Set([severity]));
      await expect(page.locator(`#f-severity-${severity}`)).toBeChecked();

      // Walk every page: keyset pagination shows each matching finding exactly once.
      const pages = [await findings.rowIds()];
      const seen = new Set(pages[0]);
      while ((await findings.nextLink.count()) > 0) {
        const next = await findings.nextLink.getAttribute("href");
        await Promise.all([page.waitForURL((url) => `${url.pathname}${url.search}` === next), findings.nextLink.click()]);
        await expect(findings.count).toBeVisible();
        const ids = await findings.rowIds();
        pages.push(ids);
        for (const id of ids) {
          expect(seen.has(id), `finding ${id} shown twice`).toBe(false);
          seen.add(id);
        }
      }
      expect(seen.size).toBe(total);
      if (pages.length > 1) {
        const previous = await findings.previousLink.getAttribute("href");
        await Promise.all([page.waitForURL((url) => `${url.pathname}${url.search}` === previous), findings.previousLink.click()]);
        expect(await findings.rowIds()).toEqual(pages[pages.length - 2]);
      }
      if (severity === "HIGH") await page.screenshot({ path: "test-results/screens/findings.png" });
    });
  }

  test("[FINDINGS]: the account picker searches as typed, adds with the keyboard, applies at once, and lists no other account", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const findings = new FindingsPage(page);
    const accounts = await db.query<{ id: string; name: string; n: number }>(
      `SELECT a.id, a.name, (SELECT count(*)::int FROM findings f WHERE f.account_id = a.id AND ${DEFAULT_CONDITIONS}) AS n
       FROM accounts a WHERE a.status <> 'data_only' ORDER BY a.name, a.id LIMIT 2`,
    );
    expect(accounts.rows).toHaveLength(2);
    const [first, second] = accounts.rows as [(typeof accounts.rows)[0], (typeof accounts.rows)[0]];
    await findings.goto();
    const picker = page.getByTestId("filter-account");
    const combobox = page.getByRole("combobox", { name: "Accounts" });
    await expect(combobox).toHaveAttribute("aria-expanded", "false");
    // The page carries no list of accounts: options exist only once something is asked for.
    await expect(picker.getByRole("option")).toHaveCount(0);

    // Type the whole id: one suggestion, active at once; Enter adds it and the filter applies.
    await combobox.fill(first.id);
    await expect(combobox).toHaveAttribute("aria-expanded", "true");
    const options = page.getByRole("listbox", { name: "Matching accounts" }).getByRole("option");
    await expect(options).toHaveCount(1);
    await expect(options.first()).toContainText(first.name);
    await expect(combobox).toHaveAttribute("aria-activedescendant", (await options.first().getAttribute("id"))!);
    await combobox.press("Enter");
    await expect(page).toHaveURL(new RegExp(`[?&]account=${first.id}(&|$)`));
    await expect(picker.getByRole("button", { name: `Remove ${first.name}` })).toBeVisible();
    await expect.poll(() => findings.shownCount()).toBe(first.n);
    await expect(combobox).toBeFocused();

    // Escape closes the list without adding; arrows move the active option; Enter adds the second account.
    await combobox.fill(second.name);
    await expect(options.filter({ hasText: second.id })).toHaveCount(1);
    await combobox.press("Escape");
    await expect(combobox).toHaveAttribute("aria-expanded", "false");
    expect(new URL(page.url()).searchParams.getAll("account")).toEqual([first.id]);
    await combobox.press("ArrowDown");
    await expect(combobox).toHaveAttribute("aria-expanded", "true");
    await expect(options.filter({ hasText: second.id })).toHaveCount(1);
    // The account already chosen is not offered again.
    await expect(options.filter({ hasText: first.id })).toHaveCount(0);
    const wanted = await options.filter({ hasText: second.id }).getAttribute("id");
    for (let step = 0; step < 25 && (await combobox.getAttribute("aria-activedescendant")) !== wanted; step++)
      await combobox.press("ArrowDown");
    await expect(combobox).toHaveAttribute("aria-activedescendant", wanted!);
    await combobox.press("Enter");
    await expect(picker.getByRole("button", { name: `Remove ${second.name}` })).toBeVisible();
    // The chip shows before the navigation commits: wait for the URL.
    await expect.poll(() => new URL(page.url()).searchParams.getAll("account").sort()).toEqual([first.id, second.id].sort());
    await expect.poll(() => findings.shownCount()).toBe(first.n + second.n);

    // Removing a chip applies at once too.
    await picker.getByRole("button", { name: `Remove ${first.name}` }).click();
    // Polled: the URL before the removal holds second.id as well.
    await expect.poll(() => new URL(page.url()).searchParams.getAll("account")).toEqual([second.id]);
    await expect.poll(() => findings.shownCount()).toBe(second.n);

    // The suggestions route: the session's accounts as JSON; a bad q is a 400 that says why.
    const ok = await page.request.get(`/api/accounts/search?q=${encodeURIComponent(first.id)}`);
    expect(ok.status()).toBe(200);
    expect(await ok.json()).toEqual({ accounts: [expect.objectContaining({ id: first.id, name: first.name })] });
    const bad = await page.request.get(`/api/accounts/search?q=${"x".repeat(101)}`);
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toEqual({ error: "INVALID_INPUT", message: "q: must be at most 100 characters" });
  });

  test("[FINDINGS]: a row's copy button copies the full resource id (one handler for the table)", async ({
    page,
    context,
    signedIn: _,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const findings = new FindingsPage(page);
    await findings.goto();
    const row = findings
      .rows()
      .filter({ has: page.getByTestId("finding-resource") })
      .first();
    const resourceId = await row.getByTestId("finding-resource").innerText();
    const button = row.getByRole("button", { name: "Copy resource id" });
    await button.click();
    await expect(button).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(resourceId);
    await expect(button).toHaveText("Copy");
  });

  test("[FINDINGS]: Security Hub copies of GuardDuty findings are hidden until asked for", async ({ page, db, signedIn: _ }) => {
    const findings = new FindingsPage(page);
    const counts = await db.query<{ without: number; with_copies: number }>(
      `SELECT count(*) FILTER (WHERE linked_guardduty_id IS NULL)::int AS without, count(*)::int AS with_copies
       FROM findings WHERE status = 'active' AND (compliance_status IS NULL OR compliance_status <> 'PASSED')`,
    );
    await findings.goto();
    expect(await findings.shownCount()).toBe(counts.rows[0]!.without);
    await findings.goto({ copies: "1" });
    expect(await findings.shownCount()).toBe(counts.rows[0]!.with_copies);
  });

  test("[FINDINGS]: the CSV export has the filtered rows and neutralises a title that starts with =", async ({ page, db, signedIn: _ }) => {
    const findings = new FindingsPage(page);
    const marker = `e2e-csv-${Date.now()}`;
    const title = `=HYPERLINK("http://evil.example/${marker}","click me")`;
    const account = await db.query<{ id: string }>("SELECT id FROM accounts WHERE status <> 'data_only' ORDER BY id LIMIT 1");
    await db.query(
      `INSERT INTO findings (source, source_id, account_id, region, type, title, severity, severity_label, status, first_seen_at, last_seen_at, source_updated_at, raw, resource_id)
       VALUES ('guardduty', $1, $2, 'us-east-1', 'E2E:Test/Formula', $3, 8, 'HIGH', 'active', now(), now(), now(), '{}'::jsonb, '@resource')`,
      [marker, account.rows[0]!.id, title],
    );
    try {
      await findings.goto({ q: marker });
      await expect(findings.rows()).toHaveCount(1);
      await expect(findings.table.getByTestId("finding-title")).toHaveText(title);
      // The detail link carries the filtered list along, so the detail page leads back to it.
      await expect(findings.table.getByTestId("finding-title")).toHaveAttribute(
        "href",
        `/accounts/${account.rows[0]!.id}/records/finding/${encodeURIComponent(marker)}?from=${encodeURIComponent(`q=${marker}`)}`,
      );

      const downloadPromise = page.waitForEvent("download");
      await findings.exportLink.click();
      const download = await downloadPromise;
      expect(download.suggestedFilename()).toMatch(/^parapet-findings-.*\.csv$/);
      const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
      const lines = csv.split("\r\n").filter(Boolean);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain("account_id,account_name,region,source,source_id,severity_label");
      expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example/${marker}"",""click me"")"`);
      expect(lines[1]).toContain(",'@resource,");
      expect(lines[1]).not.toMatch(/(^|,)=/);
      // Every export is in the audit log, with the filters it was cut by.
      const audit = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'findings.export' AND detail->'filters'->>'q' = $1 AND ip IS NOT NULL",
        [marker],
      );
      expect(audit.rows[0]!.n).toBe(1);
    } finally {
      await db.query("DELETE FROM findings WHERE source = 'guardduty' AND source_id = $1", [marker]);
    }
  });

  test("[FINDINGS]: the CSV export refuses a request without a session", async ({ request }) => {
    const response = await request.get("/api/findings/export?severity=HIGH", { maxRedirects: 0 });
    expect(response.status()).toBe(401);
  });
});
