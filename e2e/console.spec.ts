import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type pg from "pg";
import { expect, test } from "./fixtures";

/** The explorer's default scope: active, not a Security Hub copy of a GuardDuty finding, not a PASSED control. */
const DEFAULT_CONDITIONS =
  "status = 'active' AND linked_guardduty_id IS NULL AND (compliance_status IS NULL OR compliance_status <> 'PASSED')";
/** The same, for a query where findings are `f`. */
const F_DEFAULT_CONDITIONS =
  "f.status = 'active' AND f.linked_guardduty_id IS NULL AND (f.compliance_status IS NULL OR f.compliance_status <> 'PASSED')";
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const fixed = (value: number | null | undefined) => (value === null || value === undefined ? "n/a" : Number(value).toFixed(1));

/** No serious or critical WCAG 2.1 A/AA violation on the page as it is now. */
async function expectAccessible(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = result.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  // Soft: one run reports every page's violations, not only the first page's.
  expect
    .soft(
      bad.map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
            .slice(0, 3)
            .map((node) => node.target.join(" "))
            .join(" | ")}`,
      ),
      `axe on ${name}`,
    )
    .toEqual([]);
}

/** Full-page screenshots at the two widths the console is checked at. */
async function screenshots(page: Page, name: string) {
  for (const width of [1440, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/screens/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function someAccount(db: pg.Client): Promise<{ id: string; name: string }> {
  const { rows } = await db.query<{ id: string; name: string }>(
    `SELECT a.id, a.name FROM accounts a WHERE a.status <> 'data_only'
     ORDER BY (SELECT count(*) FROM cloudtrail_events e WHERE e.account_id = a.id) DESC, a.id LIMIT 1`,
  );
  return rows[0]!;
}

test.describe("[CONSOLE]", () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test("[CONSOLE]: every page has its own title, no serious accessibility violation, and is screenshotted at 1440 and 1920", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const account = await someAccount(db);
    const item = await db.query<{ item_id: string }>(
      "SELECT item_id FROM checklist_results WHERE account_id = $1 ORDER BY jsonb_array_length(evidence->'refs') DESC, item_id LIMIT 1",
      [account.id],
    );
    const finding = await db.query<{ account_id: string; source_id: string }>(
      `SELECT account_id, source_id FROM findings WHERE ${DEFAULT_CONDITIONS} ORDER BY severity DESC, id LIMIT 1`,
    );
    const pages: Array<[string, string, string]> = [
      ["overview", "/", "Overview · Parapet"],
      ["accounts", "/accounts", "Accounts · Parapet"],
      ["account", `/accounts/${account.id}`, `Account ${account.id} · Parapet`],
      ["account-edit", `/accounts/${account.id}/edit`, `Edit account ${account.id} · Parapet`],
      ["item", `/accounts/${account.id}/items/${item.rows[0]!.item_id}`, `${item.rows[0]!.item_id} in account ${account.id} · Parapet`],
      [
        "record",
        `/accounts/${finding.rows[0]!.account_id}/records/finding/${encodeURIComponent(finding.rows[0]!.source_id)}?from=severity%3DHIGH`,
        `Finding in account ${finding.rows[0]!.account_id} · Parapet`,
      ],
      ["findings", "/findings", "Findings · Parapet"],
      ["checklist", "/checklist", "Checklist · Parapet"],
      ["risk-acceptances", "/risk-acceptances", "Risk acceptances · Parapet"],
      ["collection", "/collection", "Collection · Parapet"],
      ["api-tokens", "/settings/tokens", "API tokens · Parapet"],
      ["not-found", "/no-such-page", "Not found · Parapet"],
    ];
    for (const [name, path, title] of pages) {
      await page.goto(path);
      await expect(page, path).toHaveTitle(title);
      // Screenshots first: once the keyboard reaches the skip link, it covers the brand.
      await screenshots(page, name);
      // The skip link is the first thing the keyboard reaches, and it leads to the content.
      await page.keyboard.press("Tab");
      await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
      await expectAccessible(page, path);
    }
    // The current section is marked for assistive technology.
    await page.goto(`/accounts/${account.id}`);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).not.toHaveAttribute(
      "aria-current",
      "page",
    );
  });

  test("[CONSOLE]: overview tiles, heat map, movers, threats and failing items equal the database", async ({ page, db, signedIn: _ }) => {
    // 25 rows a table: all 12 accounts on one page (10 by default).
    await page.goto("/?size=25");
    const latest = await db.query<{
      id: string;
      domains: Record<string, { score: number | null; coverage: number | null }>;
      score: number | null;
      week_ago: number | null;
      name: string;
    }>(
      `SELECT a.id, a.name, s.domains, s.score,
              (SELECT w.score FROM score_snapshots w WHERE w.account_id = a.id AND w.day <= s.day - 7 ORDER BY w.day DESC LIMIT 1) AS week_ago
       FROM accounts a JOIN LATERAL (SELECT * FROM score_snapshots x WHERE x.account_id = a.id ORDER BY day DESC LIMIT 1) s ON true
       WHERE a.status <> 'data_only'`,
    );
    expect(latest.rows).toHaveLength(12);
    const heatmap = page.getByTestId("heatmap");
    for (const row of latest.rows) {
      const tr = heatmap.locator(`tr[data-account-id="${row.id}"]`);
      await expect(tr.getByTestId("heat-score")).toHaveText(fixed(row.score));
      for (const [domain, figures] of Object.entries(row.domains)) {
        const cell = tr.locator(`td[data-domain="${domain}"]`);
        // The cell shows the score, then the coverage on the next line (one text node the stylesheet breaks);
        // its link's accessible name says whose cell it is, then what it shows.
        const coverage = `${figures.coverage === null ? "n/a" : `${Number(figures.coverage).toFixed(0)}%`} cov.`;
        const link = cell.getByRole("link");
        expect(await link.evaluate((element) => element.textContent)).toBe(`${fixed(figures.score)}\n${coverage}`);
        expect(await link.evaluate((element) => (element as HTMLElement).innerText.split("\n"))).toEqual([fixed(figures.score), coverage]);
        await expect(link).toHaveAccessibleName(
          new RegExp(`^${escapeRegExp(row.name)}, .+: score ${escapeRegExp(`${fixed(figures.score)} ${coverage}`)}$`),
        );
        await expect(link).toHaveAttribute("href", `/accounts/${row.id}#domain-${domain}`);
      }
    }

    // Sorting by a domain puts the lowest score of that domain first (accounts without one last).
    const domain = "identity_access";
    await heatmap
      .locator("thead")
      .getByRole("link", { name: /Identity and access/ })
      .click();
    await expect(page).toHaveURL(/heat=identity_access&dir=asc/);
    const expectedOrder = [...latest.rows]
      .filter((row) => row.domains[domain]?.score !== null && row.domains[domain]?.score !== undefined)
      .sort((a, b) => a.domains[domain]!.score! - b.domains[domain]!.score! || a.name.localeCompare(b.name))
      .map((row) => row.id);
    const shownOrder = await heatmap.locator("tbody tr").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-account-id")));
    expect(shownOrder.slice(0, expectedOrder.length)).toEqual(expectedOrder);
    await expect(page.getByRole("columnheader", { name: /Identity and access/ })).toHaveAttribute("aria-sort", "ascending");

    // Biggest movers: the largest absolute change since last week's snapshot.
    const moves = latest.rows
      .filter((row) => row.score !== null && row.week_ago !== null && Math.round((Number(row.score) - Number(row.week_ago)) * 10) !== 0)
      .map((row) => ({ id: row.id, delta: Math.round((Number(row.score) - Number(row.week_ago)) * 10) / 10 }))
      .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
    if (moves.length === 0) await expect(page.getByTestId("no-movers")).toBeVisible();
    else {
      const top = page.getByTestId("movers").locator("tbody tr").first();
      expect(Math.abs(Number((await top.getByTestId("mover-change").innerText()).replace("±", "")))).toBe(Math.abs(moves[0]!.delta));
    }

    // New critical/high GuardDuty threats by day (14 UTC days, today included).
    const threats = await db.query<{ critical: number; high: number }>(
      `SELECT count(*) FILTER (WHERE severity_label = 'CRITICAL')::int AS critical, count(*) FILTER (WHERE severity_label = 'HIGH')::int AS high
       FROM findings WHERE source = 'guardduty' AND account_id IN (SELECT id FROM accounts WHERE status <> 'data_only') AND first_seen_at >= ((now() AT TIME ZONE 'UTC')::date - 13)::timestamp AT TIME ZONE 'UTC'`,
    );
    const table = page.getByTestId("threats-data");
    // Closed, the fold holds no rows; they are drawn when it opens.
    await expect(table.locator("tbody tr")).toHaveCount(0);
    await table.locator("summary").click();
    await expect(table.locator("tbody tr")).toHaveCount(14);
    const cells = await table
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent ?? "")));
    expect(cells).toHaveLength(14);
    expect(cells.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(threats.rows[0]!.critical);
    expect(cells.reduce((sum, row) => sum + Number(row[2]), 0)).toBe(threats.rows[0]!.high);

    // Tiles: each count is the length of the list it links to.
    const errors = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM accounts a
       LEFT JOIN LATERAL (SELECT status FROM collection_runs r WHERE r.account_id = a.id ORDER BY started_at DESC LIMIT 1) r ON true
       WHERE a.status <> 'data_only' AND (a.status = 'unreachable' OR r.status IN ('failed', 'partial'))`,
    );
    await expect(page.getByTestId("accounts-with-errors")).toHaveText(String(errors.rows[0]!.n));
    await page.getByTestId("accounts-with-errors-link").click();
    await expect(page).toHaveURL(/\/accounts\?health=errors/);
    await expect(page.getByTestId("accounts-shown")).toHaveText(String(errors.rows[0]!.n));
    await page.goBack();
    const critical = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM findings f JOIN accounts a ON a.id = f.account_id WHERE a.status <> 'data_only' AND f.severity_label = 'CRITICAL' AND ${F_DEFAULT_CONDITIONS}`,
    );
    await expect(page.getByTestId("total-critical")).toHaveText(String(critical.rows[0]!.n));
    await page.getByTestId("total-critical-link").click();
    await expect(page).toHaveURL(/\/findings\?severity=CRITICAL/);

    // A failing item's link lands on the item on the checklist page, not at its top.
    await page.goto("/");
    const firstFailing = page.getByTestId("top-failing-items").locator("tbody tr").first().getByRole("link");
    const itemId = (await firstFailing.innerText()).trim();
    await expect(firstFailing).toHaveAttribute("href", `/checklist#item-${itemId}`);
    await firstFailing.click();
    await expect(page.locator(`#item-${itemId}`)).toBeInViewport();
  });

  test("[CONSOLE]: overview -> heat map cell -> account domain -> item -> evidence -> raw record, and back", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const { rows } = await db.query<{ account_id: string; item_id: string; domain: string; ref_id: string; ref_kind: string }>(
      `SELECT c.account_id, c.item_id, c.domain, c.evidence->'refs'->0->>'id' AS ref_id, c.evidence->'refs'->0->>'kind' AS ref_kind
       FROM checklist_results c JOIN accounts a ON a.id = c.account_id
       WHERE a.status <> 'data_only' AND c.status = 'fail' AND c.evidence->'refs'->0->>'kind' IN ('finding', 'control', 'event')
       ORDER BY c.account_id, c.item_id LIMIT 1`,
    );
    const target = rows[0]!;
    // 25 rows: the target account is on the heat map's one page, wherever its score puts it.
    await page.goto("/?size=25");
    await page.getByTestId("heatmap").locator(`tr[data-account-id="${target.account_id}"] td[data-domain="${target.domain}"] a`).click();
    await expect(page).toHaveURL(new RegExp(`/accounts/${target.account_id}#domain-${target.domain}$`));
    await expect(page.locator(`#domain-${target.domain}`)).toBeInViewport();
    // The section navigation stays in view while scrolling.
    await page.getByTestId("section-nav").getByRole("link", { name: "CloudTrail events" }).click();
    await expect(page.getByTestId("section-nav")).toBeInViewport();

    await page.locator(`#domain-${target.domain}`).getByRole("link", { name: target.item_id, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/items/${target.item_id}$`));
    const ungrouped = page.getByTestId("evidence-grouping").getByRole("link", { name: "not grouped" });
    if ((await page.getByTestId("evidence-groups").count()) > 0) await ungrouped.click();
    await page.locator(`[data-testid="evidence-row"][data-record-id="${target.ref_id}"]`).getByTestId("raw-record-link").click();
    await expect(page).toHaveURL(new RegExp(`/accounts/${target.account_id}/records/(finding|event)/`));
    await expect(page.getByTestId("raw-json")).toContainText(target.ref_id);
    await expect(page.getByTestId("citing-items")).toContainText(target.item_id);

    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`/items/${target.item_id}`));
    await page.goBack();
    if (!page.url().includes(`/accounts/${target.account_id}#`)) await page.goBack();
    await expect(page).toHaveURL(new RegExp(`/accounts/${target.account_id}`));
  });

  test("[CONSOLE]: findings filters apply as chosen, combine severities, sort by first seen, and the detail page leads back", async ({
    page,
    db,
    signedIn: _,
  }) => {
    await page.goto("/findings");
    await page.locator("#f-severity-HIGH").check();
    await expect(page).toHaveURL(/severity=HIGH/);
    await page.locator("#f-severity-CRITICAL").check();
    await expect(page).toHaveURL(/severity=CRITICAL&severity=HIGH/);
    const total = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM findings WHERE severity_label IN ('CRITICAL', 'HIGH') AND ${DEFAULT_CONDITIONS}`,
    );
    await expect(page.getByTestId("findings-count")).toHaveText(total.rows[0]!.n.toLocaleString("en-US"));
    for (const label of await page.getByTestId("finding-severity").allInnerTexts()) expect(["CRITICAL", "HIGH"]).toContain(label);

    // Oldest first by first seen: the page is the database's first 50 in that order, then the next 50.
    await page.getByTestId("sort-first_seen").click();
    await expect(page).toHaveURL(/sort=first_seen/);
    await page.getByTestId("sort-first_seen").click();
    await expect(page).toHaveURL(/sort=first_seen&dir=asc/);
    await expect(page.getByRole("columnheader", { name: /First seen/ })).toHaveAttribute("aria-sort", "ascending");
    const expected = await db.query<{ id: string }>(
      `SELECT id::text FROM findings WHERE severity_label IN ('CRITICAL', 'HIGH') AND ${DEFAULT_CONDITIONS} ORDER BY first_seen_at ASC, id ASC LIMIT 100`,
    );
    const ids = () =>
      page
        .getByTestId("findings-table")
        .locator("tbody tr")
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-finding-id")));
    expect(await ids()).toEqual(expected.rows.slice(0, 50).map((row) => row.id));
    if (expected.rows.length > 50) {
      await page.getByTestId("findings-next").click();
      await expect(page).toHaveURL(/after=/);
      expect(await ids()).toEqual(expected.rows.slice(50, 100).map((row) => row.id));
    }
    await page.screenshot({ path: "test-results/screens/findings-sorted.png" });

    // Full resource ids, and the detail page: AWS console link in the right region, and the way back to this list.
    const first = page.getByTestId("findings-table").locator("tbody tr").first();
    const findingId = await first.getAttribute("data-finding-id");
    const stored = await db.query<{ source: string; source_id: string; region: string; resource_id: string | null; account_id: string }>(
      "SELECT source, source_id, region, resource_id, account_id FROM findings WHERE id = $1",
      [findingId],
    );
    const record = stored.rows[0]!;
    if (record.resource_id) await expect(first.getByTestId("finding-resource")).toHaveText(record.resource_id);
    const listUrl = page.url();
    await first.getByTestId("finding-title").click();
    await expect(page.getByTestId("aws-console-link")).toHaveAttribute(
      "href",
      new RegExp(
        `^https://${record.region}\\.console\\.aws\\.amazon\\.com/${record.source === "guardduty" ? "guardduty" : "securityhub"}/home\\?region=${record.region}#`,
      ),
    );
    await expect(page.getByText(`sign in to account ${record.account_id} first`)).toBeVisible();
    await page.getByTestId("back-to-findings").click();
    await expect(page).toHaveURL(/\/findings\?/);
    const back = new URL(page.url());
    expect(back.searchParams.getAll("severity")).toEqual(["CRITICAL", "HIGH"]);
    expect(back.searchParams.get("sort")).toBe("first_seen");
    expect(back.searchParams.get("dir")).toBe("asc");
    expect(new URL(listUrl).searchParams.getAll("severity")).toEqual(["CRITICAL", "HIGH"]);
  });

  test("[CONSOLE]: accounts list sorts by score, and its CSV export has the database's rows", async ({
    page,
    db,
    request,
    signedIn: _,
  }) => {
    await page.goto("/accounts");
    await page.getByTestId("sort-score").click();
    await expect(page).toHaveURL(/sort=score/);
    const scores = await db.query<{ id: string; score: number | null; coverage: number | null }>(
      `SELECT a.id, s.score, s.coverage FROM accounts a
       LEFT JOIN LATERAL (SELECT score, coverage FROM score_snapshots x WHERE x.account_id = a.id ORDER BY day DESC LIMIT 1) s ON true
       WHERE a.status <> 'data_only'`,
    );
    const expectedOrder = [...scores.rows]
      .sort((a, b) => (a.score === null ? 1 : b.score === null ? -1 : a.score - b.score || a.id.localeCompare(b.id)))
      .map((row) => row.id);
    const shown = await page
      .getByTestId("accounts-table")
      .first()
      .locator("tbody > tr")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-account-id")));
    expect(shown).toEqual(expectedOrder);

    const downloadPromise = page.waitForEvent("download");
    await page.getByTestId("accounts-export").click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^parapet-accounts-.*\.csv$/);
    const lines = readFileSync((await download.path())!, "utf8")
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean);
    const header = lines[0]!.split(",");
    expect(header.slice(0, 3)).toEqual(["account_id", "name", "owner"]);
    const column = (line: string, name: string) => line.split(",")[header.indexOf(name)];
    expect(lines.slice(1).map((line) => column(line, "account_id"))).toEqual(expectedOrder);
    for (const row of scores.rows) {
      const line = lines.find((candidate) => candidate.startsWith(`${row.id},`))!;
      expect(Number(column(line, "score"))).toBeCloseTo(Number(row.score), 4);
      const counts = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM findings WHERE account_id = $1 AND severity_label = 'HIGH' AND ${DEFAULT_CONDITIONS}`,
        [row.id],
      );
      expect(Number(column(line, "active_high")), `high findings of ${row.id}`).toBe(counts.rows[0]!.n);
    }
    // Without a session (the request fixture has no cookies) the export is refused.
    const refused = await request.get("/api/accounts/export", { maxRedirects: 0 });
    expect(refused.status()).toBe(401);
  });

  test("[CONSOLE]: an analyst accepts the risk of two findings at once; the acceptances page lists them, soonest expiry first", async ({
    page,
    db,
    signedIn: _,
  }) => {
    // Two active findings with one title in one account, both cited as evidence by a checklist item.
    const { rows } = await db.query<{ account_id: string; title: string; ids: string[]; items: string[] }>(
      `SELECT f.account_id, f.title, array_agg(DISTINCT f.source_id) AS ids, array_agg(DISTINCT c.item_id) AS items
       FROM findings f
       JOIN checklist_results c ON c.account_id = f.account_id AND c.evidence->'refs' @> jsonb_build_array(jsonb_build_object('id', f.source_id))
       WHERE ${F_DEFAULT_CONDITIONS}
       GROUP BY f.account_id, f.title HAVING count(DISTINCT f.source_id) >= 2
       ORDER BY count(DISTINCT f.source_id), f.account_id, f.title LIMIT 1`,
    );
    expect(rows.length, "the demo has two cited findings sharing a title in one account").toBeGreaterThan(0);
    const target = rows[0]!;
    const chosen = target.ids.slice(0, 2);
    await page.goto(`/findings?account=${target.account_id}&q=${encodeURIComponent(target.title)}`);
    for (const id of chosen) await page.locator(`input[name="finding"][value="${target.account_id}:${id}"]`).check();
    const reason = `Bulk e2e acceptance ${Date.now()}: compensating control`;
    await page.getByLabel("Reason (10 to 1000 characters)").fill(reason);
    await page.getByTestId("bulk-accept-submit").click();
    await expect(page.getByTestId("bulk-accept-result")).toContainText("Accepted");
    const stored = await db.query<{ finding_id: string; item_id: string }>(
      "SELECT finding_id, item_id FROM risk_acceptances WHERE account_id = $1 AND reason = $2 AND revoked_at IS NULL ORDER BY finding_id",
      [target.account_id, reason],
    );
    const cited = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM checklist_results c, unnest($2::text[]) AS r(id)
       WHERE c.account_id = $1 AND c.evidence->'refs' @> jsonb_build_array(jsonb_build_object('id', r.id))`,
      [target.account_id, chosen],
    );
    expect(stored.rows).toHaveLength(cited.rows[0]!.n);
    expect(new Set(stored.rows.map((row) => row.finding_id))).toEqual(new Set(chosen));
    const audits = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'risk.accept' AND detail->>'reason' = $1",
      [reason],
    );
    expect(audits.rows[0]!.n).toBe(stored.rows.length);

    await page.goto("/risk-acceptances");
    const active = await db.query<{ id: string }>(
      "SELECT id::text FROM risk_acceptances WHERE revoked_at IS NULL AND expires_at > now() ORDER BY expires_at, id LIMIT 100",
    );
    await expect(page.getByTestId("acceptances-count")).toHaveText(String(active.rows.length));
    const shown = await page
      .getByTestId("acceptances-table")
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-acceptance-id")));
    expect(shown).toEqual(active.rows.map((row) => row.id));
    await expectAccessible(page, "/risk-acceptances with rows");
    await screenshots(page, "risk-acceptances-with-rows");
  });

  test("[CONSOLE]: the account's CloudTrail timeline pages by keyset and filters by event and text", async ({ page, db, signedIn: _ }) => {
    const account = await someAccount(db);
    const all = await db.query<{ event_id: string }>(
      "SELECT event_id FROM cloudtrail_events WHERE account_id = $1 ORDER BY event_time DESC, event_id DESC LIMIT 50",
      [account.id],
    );
    expect(all.rows.length, "the busiest account has more than one page of events").toBeGreaterThan(25);
    await page.goto(`/accounts/${account.id}#events`);
    const ids = () =>
      page
        .getByTestId("security-events")
        .locator("tbody tr")
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-event-id")));
    expect(await ids()).toEqual(all.rows.slice(0, 25).map((row) => row.event_id));
    await page.getByTestId("events-older").click();
    await expect(page).toHaveURL(/ev_after=/);
    expect(await ids()).toEqual(all.rows.slice(25, 50).map((row) => row.event_id));
    await page.getByTestId("events-newest").click();
    await expect(page).not.toHaveURL(/ev_after=/);
    expect(await ids()).toEqual(all.rows.slice(0, 25).map((row) => row.event_id));

    await page.locator("#ev-name").selectOption("ConsoleLogin");
    await expect(page).toHaveURL(/ev_name=ConsoleLogin/);
    const logins = await db.query<{ event_id: string }>(
      "SELECT event_id FROM cloudtrail_events WHERE account_id = $1 AND event_name = 'ConsoleLogin' ORDER BY event_time DESC, event_id DESC LIMIT 25",
      [account.id],
    );
    if (logins.rows.length === 0) await expect(page.getByTestId("events-empty")).toBeVisible();
    else expect(await ids()).toEqual(logins.rows.map((row) => row.event_id));

    const caller = await db.query<{ user_arn: string }>(
      "SELECT user_arn FROM cloudtrail_events WHERE account_id = $1 AND user_arn IS NOT NULL ORDER BY event_time DESC LIMIT 1",
      [account.id],
    );
    if (caller.rows[0]) {
      const needle = caller.rows[0].user_arn.split("/").at(-1)!;
      await page.goto(`/accounts/${account.id}?ev_q=${encodeURIComponent(needle)}#events`);
      const matching = await db.query<{ event_id: string }>(
        `SELECT event_id FROM cloudtrail_events WHERE account_id = $1
           AND (event_name ILIKE $2 OR user_arn ILIKE $2 OR user_type ILIKE $2 OR source_ip ILIKE $2)
         ORDER BY event_time DESC, event_id DESC LIMIT 25`,
        [account.id, `%${needle.replace(/[\\%_]/g, (match) => `\\${match}`)}%`],
      );
      expect(await ids()).toEqual(matching.rows.map((row) => row.event_id));
    }

    // "Failing only" leaves out passing items; by default they are folded away, not gone.
    await page.goto(`/accounts/${account.id}`);
    const statuses = await db.query<{ status: string; n: number }>(
      "SELECT status, count(*)::int AS n FROM checklist_results WHERE account_id = $1 GROUP BY status",
      [account.id],
    );
    const count = (...names: string[]) => statuses.rows.filter((row) => names.includes(row.status)).reduce((sum, row) => sum + row.n, 0);
    const visibleRows = page.getByTestId("items-by-domain").locator("tr[data-testid='item-row']:visible");
    await expect(visibleRows).toHaveCount(count("fail", "partial", "no_data"));
    // A fold's rows are drawn when it opens; "Every item" opens them all.
    const folds = page.getByTestId("passing-items");
    const firstFold = folds.first();
    const foldSize = Number((await firstFold.locator("summary").innerText()).match(/^(\d+) /)![1]);
    await firstFold.locator("summary").click();
    await expect(visibleRows).toHaveCount(count("fail", "partial", "no_data") + foldSize);
    await page.getByTestId("items-every").click();
    await expect(page).toHaveURL(/items=all/);
    await expect(visibleRows).toHaveCount(count("fail", "partial", "no_data", "pass", "not_applicable"));
    await expect(page.getByTestId("passing-items-link")).toHaveCount(0);
    await page.getByTestId("items-failing-only").click();
    await expect(page).toHaveURL(/items=failing/);
    await expect(visibleRows).toHaveCount(count("fail", "partial"));
  });
});
