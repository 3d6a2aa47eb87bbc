import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ADMIN_EMAIL } from "./global-setup";
import { FindingsPage } from "./pages/findings-page";

/**
 * [FORMS] The console's filter forms and the accounts list as a team uses them all day: URLs
 * without empty fields, every filter (the findings account picker included) usable without
 * JavaScript, accounts rows that read on one line at 1440 and 1920 px, and SSO mappings that
 * can be edited from the keyboard.
 */

/** The explorer's default scope: active, not a Security Hub copy of a GuardDuty finding, not a PASSED control. */
const DEFAULT_CONDITIONS =
  "status = 'active' AND linked_guardduty_id IS NULL AND (compliance_status IS NULL OR compliance_status <> 'PASSED')";

/** A second context on the signed-in admin's cookies with JavaScript switched off, as a browser without it would be. */
async function withoutJavaScript(browser: Browser, page: Page): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  return context.newPage();
}

const queryOf = (page: Page) => new URL(page.url()).searchParams;

test.describe("[FORMS]", () => {
  test("[FORMS]: a filter form submits only the fields that hold something (no `q=&control=`), and `q=` reads as no filter", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const findings = new FindingsPage(page);
    await findings.goto();
    await page.locator("#f-type").fill("Recon");
    await page.locator("#f-type").press("Enter");
    await expect.poll(() => queryOf(page).get("type")).toBe("Recon");
    // Control id and title were left empty, and the status is its default (active): not in the URL at all.
    expect([...queryOf(page).keys()].sort()).toEqual(["type"]);
    expect(page.url()).not.toMatch(/[?&](q|control)=/);

    // The accounts list's filters: typing and clearing the search leaves no `q=` behind.
    await page.goto("/accounts?q=zzz-no-such-account");
    await expect(page.getByTestId("accounts-empty")).toBeVisible();
    await page.locator("#a-q").fill("");
    await page.locator("#a-q").press("Enter");
    await expect(page).toHaveURL(/\/accounts$/);
    await expect(page.getByTestId("accounts-table").locator("tbody > tr")).toHaveCount(12);

    // A hand-made `q=` (or one a browser without JavaScript sends) is the same as none.
    const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM findings WHERE ${DEFAULT_CONDITIONS}`)).rows[0]!.n;
    await page.goto("/findings?q=&control=&type=&status=");
    expect(await findings.shownCount()).toBe(total);
    await page.goto("/accounts?q=&status=&tag=&ou=");
    await expect(page.getByTestId("accounts-table").locator("tbody > tr")).toHaveCount(12);
  });

  test("[FORMS]: without JavaScript the findings explorer shows its filters and chooses an account by typing, ticking and applying", async ({
    page,
    browser,
    db,
    signedIn: _,
  }) => {
    const accounts = await db.query<{ id: string; name: string; n: number }>(
      `SELECT a.id, a.name, (SELECT count(*)::int FROM findings f WHERE f.account_id = a.id AND ${DEFAULT_CONDITIONS}) AS n
       FROM accounts a WHERE a.status <> 'data_only' ORDER BY a.name, a.id LIMIT 1`,
    );
    const target = accounts.rows[0]!;
    const noJs = await withoutJavaScript(browser, page);
    const findings = new FindingsPage(noJs);
    await findings.goto();
    // The page itself, not only its loading skeleton (React's swap needs JavaScript; the console's noscript rules do it).
    await expect(noJs.getByTestId("findings-filters")).toBeVisible();
    await expect(noJs.getByTestId("page-loading")).toBeHidden();

    // Type the name and press Enter: a plain GET submission, answered with the matching accounts to tick.
    const combobox = noJs.getByRole("combobox", { name: "Accounts" });
    await combobox.fill(target.name);
    await combobox.press("Enter");
    await expect.poll(() => queryOf(noJs).get("account_q")).toBe(target.name);
    const matches = noJs.getByTestId("account-matches");
    await expect(matches).toContainText(`Accounts matching “${target.name}”`);
    await matches
      .getByRole("checkbox", { name: new RegExp(target.name) })
      .first()
      .check();
    await noJs.getByRole("button", { name: "Apply text filters" }).click();
    await expect.poll(() => queryOf(noJs).getAll("account")).toEqual([target.id]);
    expect(await findings.shownCount()).toBe(target.n);
    const chip = noJs.getByTestId("account-chip");
    await expect(chip).toContainText(target.name);
    await expect(noJs.getByTestId("account-matches")).toHaveCount(0);

    // The chip's remove control is a link to the same filters without the account.
    await chip.getByRole("link", { name: `Remove ${target.name}` }).click();
    await expect.poll(() => queryOf(noJs).getAll("account")).toEqual([]);
    await expect(noJs.getByTestId("account-chip")).toHaveCount(0);

    // A bad search is refused with a message naming it, not dropped.
    await noJs.goto(`/findings?account_q=${"x".repeat(101)}`);
    await expect(noJs.getByText("account_q: must be at most 100 characters")).toBeVisible();
    await noJs.context().close();

    // With JavaScript nothing of this shows: the combobox posts no text, and the chip's remove is a button.
    await new FindingsPage(page).goto({ account: target.id });
    await expect(page.getByRole("combobox", { name: "Accounts" })).not.toHaveAttribute("name", /./);
    await expect(page.getByTestId("filter-account").getByRole("button", { name: `Remove ${target.name}` })).toBeVisible();
  });

  for (const width of [1440, 1920]) {
    test(`[FORMS]: at ${width} px every accounts row reads on one line (buttons, tags, regions) and the table fits its panel`, async ({
      page,
      signedIn: _,
    }) => {
      await page.setViewportSize({ width, height: 1000 });
      await page.goto("/accounts");
      const table = page.getByTestId("accounts-table");
      await expect(table.locator("tbody > tr")).toHaveCount(12);
      const layout = await table.evaluate((element) => {
        const scroller = element.closest(".table-scroll")!;
        const rows = [...element.querySelectorAll("tbody > tr")].map((row) => {
          // Only what is shown: the tags beyond the first one or two are display: none until "+N".
          const tops = (selector: string) =>
            [...row.querySelectorAll(selector)]
              .filter((node) => getComputedStyle(node).display !== "none")
              .map((node) => Math.round(node.getBoundingClientRect().top));
          // How far apart the highest and lowest tops are: a few px between a chip and a button, a line (20+) once wrapped.
          const spread = (values: number[]) => (values.length === 0 ? 0 : Math.max(...values) - Math.min(...values));
          const lineHeight = (node: Element | null) => (node ? Math.round(node.getBoundingClientRect().height) : 0);
          return {
            id: row.getAttribute("data-account-id"),
            height: Math.round(row.getBoundingClientRect().height),
            buttonSpread: spread(tops(".row-actions .buttons > *")),
            tagSpread: spread(tops('[data-testid="account-tags-cell"] > *')),
            regionsHeight: lineHeight(row.querySelector("td.account-cell .muted")),
          };
        });
        return { overflow: scroller.scrollWidth - scroller.clientWidth, rows };
      });
      await page.screenshot({ path: `test-results/screens/accounts-${width}.png`, fullPage: true });
      // The table is not wider than its panel (nothing scrolled out of sight, the Disable button included).
      expect(layout.overflow).toBeLessThanOrEqual(0);
      for (const row of layout.rows) {
        expect(row.buttonSpread, `row ${row.id}: the action buttons on one line`).toBeLessThan(8);
        expect(row.tagSpread, `row ${row.id}: the tags on one line`).toBeLessThan(12);
        // One 12 px line is about 17 px; two would be 34.
        expect(row.regionsHeight, `row ${row.id}: the regions on one line`).toBeLessThan(25);
        // Name over regions is the tallest cell: two lines and the padding (it was 103-137 px at 1440 before).
        expect(row.height, `row ${row.id}: one line`).toBeLessThan(62);
      }

      // "+N" shows the rest of the tags (and the button says how many there are); every tag is still a filter link.
      const row = table.locator("tbody > tr").first();
      const more = row.getByTestId("tags-more");
      const count = await row.getByTestId("account-tags-cell").locator("a.tag-link").count();
      // Its name holds what it shows ("+N"), after what it does.
      await expect(more).toHaveAccessibleName(new RegExp(`^Show all ${count} tags of account \\d{12}: \\+\\d+$`));
      await more.click();
      await expect(more).toHaveAttribute("aria-expanded", "true");
      for (const tag of await row.getByTestId("account-tags-cell").locator("a.tag-link").all()) await expect(tag).toBeVisible();
      // The short labels below 1800 px keep the whole action as the button's name.
      await expect(row.getByRole("button", { name: "Test connection" })).toBeVisible();
      await expect(row.getByRole("button", { name: "Collect now" })).toBeVisible();
    });
  }

  test("[FORMS]: OU pickers show the OU's name from discovery with its id (accounts filter, SSO and user scopes)", async ({
    page,
    db,
    signedIn: _,
  }) => {
    // The demo's discovery stored the names of the OUs on the accounts' paths (the simulator's tree: Workloads, Prod, ...).
    const named = await db.query<{ id: string; name: string; n: number }>(
      `SELECT u.id, u.name, count(a.id)::int AS n FROM organizational_units u
       JOIN accounts a ON a.status <> 'data_only' AND u.id = ANY(string_to_array(a.ou_path, '/'))
       WHERE u.id LIKE 'ou-%' GROUP BY u.id, u.name ORDER BY u.name`,
    );
    expect(named.rows.length, "discovery named the OUs").toBeGreaterThanOrEqual(3);
    expect(named.rows.map((row) => row.name)).toEqual(expect.arrayContaining(["Prod", "Workloads"]));

    await page.goto("/accounts");
    const options = await page.locator("#a-ou option").allInnerTexts();
    for (const ou of named.rows) expect(options).toContain(`${ou.name} · ${ou.id} (${ou.n})`);
    // Listed by name (Any first).
    expect(options.slice(1)).toEqual([...options.slice(1)].sort((a, b) => a.localeCompare(b)));
    const prod = named.rows.find((row) => row.name === "Prod")!;
    await page.locator("#a-ou").selectOption(prod.id);
    await expect.poll(() => queryOf(page).get("ou")).toBe(prod.id);
    await expect(page.getByTestId("accounts-table").locator("tbody > tr")).toHaveCount(prod.n);

    for (const [url, formName] of [
      ["/settings/sso", "Map a group"],
      ["/users", "Create user"],
    ] as const) {
      await page.goto(url);
      const form = page.getByRole("form", { name: formName });
      await form.getByRole("radio", { name: /Only accounts/ }).check();
      // The typing suggestions name each OU; the chip shows the name, the id (what is stored) and the path.
      const suggestions = await form
        .locator("datalist option")
        .evaluateAll((nodes) => nodes.map((node) => `${(node as HTMLOptionElement).value}|${node.textContent}`));
      expect(suggestions.some((entry) => entry.startsWith(`${prod.id}|Prod · `))).toBe(true);
      await form.getByLabel("OU id").fill(prod.id);
      await form.getByRole("button", { name: "Add OU" }).click();
      const chip = form.getByRole("list", { name: "Chosen OUs" }).getByRole("listitem");
      await expect(chip).toHaveCount(1);
      await expect(chip).toContainText(`Prod ${prod.id}`);
    }
  });

  test("[FORMS]: an admin edits an SSO mapping's role and scope from the keyboard; it is saved, audited and validated as adding is", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const group = `e2e-edit-${Date.now()}`;
    const account = (
      await db.query<{ id: string; name: string }>("SELECT id, name FROM accounts WHERE status <> 'data_only' ORDER BY id LIMIT 1")
    ).rows[0]!;
    const id = (
      await db.query<{ id: string }>(
        `INSERT INTO sso_group_mappings (group_name, role, all_accounts, account_scope, created_by)
         VALUES ($1, 'viewer', true, '{}', 'e2e') RETURNING id::text AS id`,
        [group],
      )
    ).rows[0]!.id;
    try {
      await page.goto("/settings/sso");
      const edit = page.getByRole("link", { name: `Edit mapping ${group}` });
      await edit.focus();
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(new RegExp(`[?&]edit=${id}(#edit-mapping)?$`));
      const form = page.getByRole("form", { name: `Edit mapping ${group}` });
      // The focus follows the link to the form.
      await expect(form.getByRole("heading", { name: `Group ${group}` })).toBeFocused();
      await expect(form.getByLabel("Role")).toHaveValue("viewer");

      // A bad OU id is refused like adding refuses it, and nothing changes.
      await form.getByLabel("Role").selectOption("analyst");
      await form.getByRole("radio", { name: /Only accounts/ }).check();
      await form.getByLabel("OU id").fill("ou-1");
      await form.getByRole("button", { name: "Save changes" }).click();
      await expect(form.getByRole("alert")).toContainText("Fix the highlighted fields.");
      const unchanged = await db.query("SELECT role, all_accounts FROM sso_group_mappings WHERE id = $1", [id]);
      expect(unchanged.rows).toEqual([{ role: "viewer", all_accounts: true }]);

      await form.getByLabel("OU id").fill("");
      await form.getByLabel("Accounts by id").selectOption([account.id]);
      await expect(form.getByTestId("scope-preview")).toContainText(`matches 1 account now (${account.name})`);
      await form.getByRole("button", { name: "Save changes" }).click();
      await expect(form.getByRole("status")).toContainText(`Saved: members of "${group}"`);
      const saved = await db.query("SELECT role, all_accounts, account_scope FROM sso_group_mappings WHERE id = $1", [id]);
      expect(saved.rows).toEqual([{ role: "analyst", all_accounts: false, account_scope: [account.id] }]);
      const row = page.getByRole("table", { name: "Group mappings" }).getByRole("row", { name: new RegExp(group) });
      await expect(row).toContainText("analyst");
      const audit = await db.query<{
        actor_email: string;
        detail: { from: { role: string }; to: { role: string; accountScope: string[] } };
      }>("SELECT actor_email, detail FROM audit_log WHERE action = 'sso-mapping.update' AND target = $1 ORDER BY id", [group]);
      expect(audit.rows).toHaveLength(1);
      expect(audit.rows[0]).toMatchObject({
        actor_email: ADMIN_EMAIL,
        detail: { from: { role: "viewer", allAccounts: true }, to: { role: "analyst", allAccounts: false, accountScope: [account.id] } },
      });

      // A mapping removed meanwhile: the edit link says so, it does not bring the mapping back.
      await db.query("DELETE FROM sso_group_mappings WHERE id = $1", [id]);
      await page.goto(`/settings/sso?edit=${id}`);
      await expect(page.locator("#edit-mapping").getByRole("alert")).toContainText("No such mapping");
    } finally {
      await db.query("DELETE FROM sso_group_mappings WHERE id = $1", [id]);
    }
  });

  test("[FORMS]: without JavaScript an account's folded passing items and the unmeasured duties are a link away", async ({
    page,
    browser,
    db,
    signedIn: _,
  }) => {
    // The account with the most passing items, and its first domain (in checklist order) that has one.
    const account = (
      await db.query<{ account_id: string; n: number }>(
        `SELECT c.account_id, count(*)::int AS n FROM checklist_results c JOIN accounts a ON a.id = c.account_id
         WHERE a.status <> 'data_only' AND c.status IN ('pass', 'not_applicable')
         GROUP BY c.account_id ORDER BY n DESC, c.account_id LIMIT 1`,
      )
    ).rows[0]!;
    const settled = await db.query<{ item_id: string }>(
      "SELECT item_id FROM checklist_results WHERE account_id = $1 AND status IN ('pass', 'not_applicable')",
      [account.account_id],
    );
    const noJs = await withoutJavaScript(browser, page);
    await noJs.goto(`/accounts/${account.account_id}`);
    const fold = noJs.getByTestId("passing-items").first();
    // Closed folds carry no rows: opening one (a native <details>) shows the way to them.
    await expect(noJs.getByTestId("items-by-domain").getByTestId("item-row").filter({ hasText: settled.rows[0]!.item_id })).toHaveCount(0);
    await fold.locator("summary").click();
    const link = fold.getByTestId("passing-items-link");
    await expect(link).toBeVisible();
    await link.click();
    await expect(noJs).toHaveURL(/[?&]items=all#domain-/);
    // The page streams in after the navigation commits: wait until every passing item's row has arrived.
    const rows = noJs.getByTestId("items-by-domain").locator("tr[data-testid='item-row']");
    await expect
      .poll(() => rows.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-item-id"))))
      .toEqual(expect.arrayContaining(settled.rows.map((row) => row.item_id)));
    await expect(noJs.getByTestId("items-every")).toHaveAttribute("aria-current", "true");

    // The unmeasured duties' fold links to the checklist page's table of them.
    const duties = noJs.getByTestId("unmeasurable-duties-fold");
    await duties.locator("summary").click();
    await duties.getByRole("link", { name: "The list on the checklist page" }).click();
    await expect(noJs).toHaveURL(/\/checklist#not-measured$/);
    const heading = await noJs.locator("#not-measured h2").innerText();
    const dutyCount = Number(heading.match(/(\d+) duties/)![1]);
    expect(dutyCount).toBeGreaterThan(0);
    await expect(noJs.locator("#not-measured tbody tr")).toHaveCount(dutyCount);

    // A chart's data table, likewise: the opened fold links to the page with every chart's table drawn open.
    await noJs.goto(`/accounts/${account.account_id}`);
    const trend = noJs.getByTestId("account-trend-data");
    await expect(trend.locator("tbody tr")).toHaveCount(0);
    await trend.locator("summary").click();
    await trend.getByTestId("chart-data-link").click();
    await expect(noJs).toHaveURL(/[?&]tables=open#score$/);
    const days = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM score_snapshots WHERE account_id = $1 AND day > (now() AT TIME ZONE 'UTC')::date - 90",
      [account.account_id],
    );
    await expect.poll(() => noJs.getByTestId("account-trend-data").locator("tbody tr").count()).toBe(days.rows[0]!.n);
    await noJs.goto("/");
    const threats = noJs.getByTestId("threats-data");
    await threats.locator("summary").click();
    await threats.getByTestId("chart-data-link").click();
    await expect(noJs).toHaveURL(/\/\?tables=open#h-threats$/);
    await expect(noJs.getByTestId("threats-data").locator("tbody tr")).toHaveCount(14);
    await expect(noJs.getByTestId("org-trend-data")).toHaveAttribute("open", "");
    await noJs.context().close();
  });
});
