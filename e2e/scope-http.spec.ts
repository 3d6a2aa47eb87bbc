import type { APIRequestContext, Browser, Page } from "@playwright/test";
import type pg from "pg";
import { expect, test } from "./fixtures";
import { addUser, type TestUserScope } from "./fixtures/users";
import { ApiTokensPage } from "./pages/api-tokens-page";
import { OverviewPage } from "./pages/overview-page";
import { SignInPage } from "./pages/sign-in-page";

/**
 * [SCOPE-HTTP] Tag and OU scopes (and a scope that matches nothing) over HTTP against the
 * running demo: the overview's numbers and chart tables, the accounts list and its CSV, the
 * findings explorer and its CSV, the JSON API with the user's own token, a report the user
 * generates, and guessed ids of accounts outside the scope. What each user should see is
 * worked out here with SQL over the demo's database (the accounts carrying the tag, the
 * accounts below the OU), never read from the app.
 */

const PASSWORD = "scope-http-password-1";

/** A small RFC 4180 reader: quoted cells may hold commas, quotes and line breaks (titles do). */
function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = "";
  };
  for (let index = 0; index < body.length; index++) {
    const char = body[index]!;
    if (quoted) {
      if (char === '"' && body[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && body[index + 1] === "\n") index++;
      endRow();
    } else cell += char;
  }
  if (cell !== "" || row.length > 0) endRow();
  const [header, ...data] = rows;
  return data.map((cells) => Object.fromEntries(header!.map((name, index) => [name, cells[index] ?? ""])));
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
const countBy = (values: string[]) =>
  values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }), {});

async function ids(db: pg.Client, sql: string, params: unknown[] = []): Promise<string[]> {
  return (await db.query<{ id: string }>(sql, params)).rows.map((row) => row.id);
}

async function signIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const form = new SignInPage(page);
  await form.goto();
  await form.signIn(email, PASSWORD);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  return page;
}

/** The rows of a chart's data table (closed <details>, so read as text content, not as visible text). */
async function chartRows(page: Page, testId: string): Promise<string[][]> {
  // The rows are drawn when the fold opens.
  const fold = page.getByTestId(testId);
  if (!(await fold.evaluate((element) => (element as HTMLDetailsElement).open))) await fold.locator("summary").click();
  await expect(fold.locator("table")).toBeVisible();
  return fold
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td,th")].map((cell) => (cell.textContent ?? "").trim())));
}

/** Every page of /api/v1/findings with the default filters, as the token's user. */
async function apiFindings(request: APIRequestContext, token: string, query = ""): Promise<Array<{ accountId: string }>> {
  const rows: Array<{ accountId: string }> = [];
  let after: string | null = null;
  do {
    const response = await request.get(`/api/v1/findings?limit=1000${query}${after ? `&after=${after}` : ""}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { data: Array<{ accountId: string }>; next: string | null };
    rows.push(...body.data);
    after = body.next;
  } while (after);
  return rows;
}

const ACTIVE_DEFAULT =
  "f.status = 'active' AND f.linked_guardduty_id IS NULL AND (f.compliance_status IS NULL OR f.compliance_status <> 'PASSED')";

/** What the scope should show, from SQL: every matching account, the registered ones, and the overview's (registered or scored). */
async function expectedFor(db: pg.Client, scoped: string[]) {
  return {
    all: scoped,
    registered: await ids(db, "SELECT id FROM accounts WHERE id = ANY($1) AND status <> 'data_only' ORDER BY id", [scoped]),
    overview: await ids(
      db,
      `SELECT a.id FROM accounts a WHERE a.id = ANY($1)
         AND (a.status <> 'data_only' OR EXISTS (SELECT 1 FROM score_snapshots s WHERE s.account_id = a.id)) ORDER BY a.id`,
      [scoped],
    ),
  };
}

async function checkScope(db: pg.Client, page: Page, request: APIRequestContext, token: string, scoped: string[]): Promise<void> {
  const expected = await expectedFor(db, scoped);

  // Overview: the accounts, the tiles and both chart tables.
  const overview = new OverviewPage(page);
  await overview.goto();
  const shown = await overview.table
    .locator("tr[data-account-id]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-account-id")!));
  expect(sorted(shown), "overview accounts").toEqual(expected.overview);
  await expect(page.getByTestId("accounts-total")).toHaveText(String(expected.overview.length));
  const severities = (
    await db.query<{ critical: number; high: number }>(
      `SELECT coalesce(sum(s.active_critical), 0)::int AS critical, coalesce(sum(s.active_high), 0)::int AS high
       FROM accounts a CROSS JOIN LATERAL (SELECT active_critical, active_high FROM score_snapshots WHERE account_id = a.id ORDER BY day DESC LIMIT 1) s
       WHERE a.id = ANY($1)`,
      [expected.overview],
    )
  ).rows[0]!;
  await expect(page.getByTestId("total-critical")).toHaveText(String(severities.critical));
  await expect(page.getByTestId("total-high")).toHaveText(String(severities.high));
  const trend = await chartRows(page, "org-trend-data");
  for (const [day, score, , accounts] of trend) {
    const point = (
      await db.query<{ accounts: number; score: number | null }>(
        `SELECT count(*)::int AS accounts,
                CASE WHEN sum(weight_with_data) > 0 THEN (100 * sum(earned_weight) / sum(weight_with_data))::float8 END AS score
         FROM score_snapshots WHERE day = $1::date AND account_id = ANY($2)`,
        [day, expected.registered],
      )
    ).rows[0]!;
    expect([day, accounts], "trend accounts per day").toEqual([day, String(point.accounts)]);
    // The page rounds to one decimal: the shown score is within half a tenth of the exact one.
    if (point.score === null) expect([day, score], "trend score per day").toEqual([day, "n/a"]);
    else
      expect(Math.abs(Number(score) - point.score), `trend score on ${day}: ${score} vs ${point.score}`).toBeLessThanOrEqual(0.05 + 1e-9);
  }
  const threats = await chartRows(page, "threats-data");
  expect(threats.length).toBe(14);
  for (const [day, critical, high] of threats) {
    const counts = (
      await db.query<{ critical: number; high: number }>(
        `SELECT count(*) FILTER (WHERE severity_label = 'CRITICAL')::int AS critical, count(*) FILTER (WHERE severity_label = 'HIGH')::int AS high
         FROM findings WHERE source = 'guardduty' AND account_id = ANY($2)
           AND first_seen_at >= $1::date AT TIME ZONE 'UTC' AND first_seen_at < ($1::date + 1) AT TIME ZONE 'UTC'`,
        [day, expected.registered],
      )
    ).rows[0]!;
    expect([day, critical, high], "new threats per day").toEqual([day, String(counts.critical), String(counts.high)]);
  }

  // Accounts list and its CSV.
  await page.goto("/accounts");
  const listed = await page
    .getByTestId("accounts-table")
    .locator("tr[data-account-id]")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-account-id")!));
  expect(sorted(listed), "accounts list").toEqual(expected.registered);
  const accountsCsv = await page.request.get("/api/accounts/export");
  expect(accountsCsv.status()).toBe(200);
  expect(sorted(parseCsv(await accountsCsv.text()).map((row) => row.account_id!)), "accounts CSV").toEqual(expected.registered);

  // Findings explorer, its CSV and the JSON API: the same rows, per account, as SQL counts them.
  const perAccount = Object.fromEntries(
    (
      await db.query<{ account_id: string; n: number }>(
        `SELECT f.account_id, count(*)::int AS n FROM findings f WHERE f.account_id = ANY($1) AND ${ACTIVE_DEFAULT} GROUP BY f.account_id`,
        [expected.all],
      )
    ).rows.map((row) => [row.account_id, row.n]),
  );
  const total = Object.values(perAccount).reduce((sum, n) => sum + n, 0);
  await page.goto("/findings");
  await expect(page.getByTestId("findings-count")).toHaveText(total.toLocaleString("en-US"));
  const findingsCsv = await page.request.get("/api/findings/export");
  expect(findingsCsv.status()).toBe(200);
  expect(countBy(parseCsv(await findingsCsv.text()).map((row) => row.account_id!)), "findings CSV per account").toEqual(perAccount);
  expect(countBy((await apiFindings(request, token)).map((row) => row.accountId)), "/api/v1/findings per account").toEqual(perAccount);

  const auth = { headers: { Authorization: `Bearer ${token}` } };
  const apiAccounts = (await (await request.get("/api/v1/accounts", auth)).json()) as { data: Array<{ id: string }> };
  expect(sorted(apiAccounts.data.map((row) => row.id)), "/api/v1/accounts").toEqual(expected.all);
  const apiScores = (await (await request.get("/api/v1/scores", auth)).json()) as { data: Array<{ id: string }> };
  expect(sorted(apiScores.data.map((row) => row.id)), "/api/v1/scores").toEqual(expected.overview);
}

/** Accounts outside the scope, by guessed id: 404 everywhere, and nothing of theirs in the answer. */
async function checkGuessedIds(db: pg.Client, page: Page, request: APIRequestContext, token: string, scoped: string[]): Promise<void> {
  const outside = (
    await db.query<{ id: string; name: string; item_id: string; finding_id: string; title: string; event_id: string }>(
      `SELECT a.id, a.name, c.item_id, f.source_id AS finding_id, f.title, e.event_id
       FROM accounts a
       JOIN LATERAL (SELECT item_id FROM checklist_results WHERE account_id = a.id ORDER BY item_id LIMIT 1) c ON true
       JOIN LATERAL (SELECT source_id, title FROM findings WHERE account_id = a.id ORDER BY id LIMIT 1) f ON true
       JOIN LATERAL (SELECT event_id FROM cloudtrail_events WHERE account_id = a.id ORDER BY event_time DESC LIMIT 1) e ON true
       WHERE a.status <> 'data_only' AND NOT (a.id = ANY($1)) ORDER BY a.id LIMIT 1`,
      [scoped],
    )
  ).rows[0];
  expect(outside, "an account outside the scope with an item, a finding and an event").toBeDefined();
  const { id, name, item_id, finding_id, title, event_id } = outside!;
  const urls = [
    `/accounts/${id}`,
    `/accounts/${id}/edit`,
    `/accounts/${id}/items/${item_id}`,
    `/accounts/${id}/records/finding/${encodeURIComponent(finding_id)}`,
    `/accounts/${id}/records/event/${encodeURIComponent(event_id)}`,
  ];
  // Another account's finding named under one the user may see: still that other account's record.
  if (scoped[0]) urls.push(`/accounts/${scoped[0]}/records/finding/${encodeURIComponent(finding_id)}`);
  for (const url of urls) {
    const response = await page.request.get(url);
    const body = await response.text();
    expect(response.status(), url).toBe(404);
    expect(body.includes(name), `${url} names the account`).toBe(false);
    expect(body.includes(title), `${url} shows the finding's title`).toBe(false);
  }
  const auth = { headers: { Authorization: `Bearer ${token}` } };
  const score = await request.get(`/api/v1/scores?account=${id}`, auth);
  expect(score.status()).toBe(404);
  expect(await score.text()).not.toContain(name);
  // The account filter cannot reach outside the scope: an empty list, not the account's rows.
  expect(await apiFindings(request, token, `&account=${id}`)).toEqual([]);
  expect(parseCsv(await (await page.request.get(`/api/findings/export?account=${id}`)).text())).toEqual([]);
  await page.goto(`/findings?account=${id}`);
  await expect(page.getByTestId("findings-count")).toHaveText("0");
}

async function makeUser(browser: Browser, label: string, role: string, scope: TestUserScope) {
  const email = `scope-http-${label}-${Date.now()}@example.com`;
  addUser(email, role, scope, PASSWORD);
  const page = await signIn(browser, email);
  const tokens = new ApiTokensPage(page);
  await tokens.goto();
  const token = await tokens.create(`scope-http ${label}`, "7");
  return { email, page, token };
}

test.describe("[SCOPE-HTTP]", () => {
  test.setTimeout(300_000);

  test("[SCOPE-HTTP]: a tag-scoped analyst sees exactly the tagged accounts over every page, export, API call and report", async ({
    browser,
    db,
    request,
  }) => {
    // A tag some registered accounts carry and others do not (the demo tags each account with its posture).
    const tag = (
      await db.query<{ key: string; value: string }>(
        `SELECT t.key, t.value FROM accounts a CROSS JOIN LATERAL jsonb_each_text(a.tags) t WHERE a.status <> 'data_only'
         GROUP BY t.key, t.value HAVING count(*) < (SELECT count(*) FROM accounts WHERE status <> 'data_only')
         ORDER BY count(*) DESC, t.key, t.value LIMIT 1`,
      )
    ).rows[0];
    expect(tag, "a tag that splits the demo's accounts").toBeDefined();
    const scoped = await ids(db, "SELECT id FROM accounts WHERE tags ->> $1 = $2 ORDER BY id", [tag!.key, tag!.value]);
    expect(scoped.length).toBeGreaterThan(0);
    const { email, page, token } = await makeUser(browser, "tag", "analyst", { tags: [`${tag!.key}=${tag!.value}`] });
    await checkScope(db, page, request, token, scoped);
    await checkGuessedIds(db, page, request, token, scoped);

    // A report of every account the user may pick: it covers exactly the tagged ones.
    const { registered } = await expectedFor(db, scoped);
    await page.goto("/reports");
    const form = page.getByTestId("generate-report-form");
    const options = await form
      .locator("#report-accounts option")
      .evaluateAll((items) => items.map((item) => (item as HTMLOptionElement).value));
    expect(sorted(options), "accounts the report form offers").toEqual(registered);
    await form.locator("#report-accounts").selectOption(registered);
    await form.getByRole("button", { name: "Generate" }).click();
    await expect(page.getByTestId("generate-report-result")).toContainText("queued");
    let reportId: string | undefined;
    await expect
      .poll(
        async () => {
          reportId = (await db.query<{ id: string }>("SELECT id::text AS id FROM reports WHERE generated_by = $1", [email])).rows[0]?.id;
          return reportId;
        },
        { timeout: 120_000, intervals: [1_000] },
      )
      .toBeDefined();
    const csv = await page.request.get(`/api/reports/${reportId}/data.csv`);
    expect(csv.status()).toBe(200);
    const rows = parseCsv(await csv.text());
    expect(rows.find((row) => row.section === "org" && row.metric === "accounts_in_scope")?.value).toBe(String(registered.length));
    const named = rows.map((row) => row.subject_id!).filter((value) => /^\d{12}$/.test(value));
    expect(named.length, "the report names accounts").toBeGreaterThan(0);
    expect(
      named.filter((value) => !registered.includes(value)),
      "accounts in the report outside the tag",
    ).toEqual([]);
    // The org-wide report stays out of reach.
    const org = (await db.query<{ id: string }>("SELECT id::text AS id FROM reports WHERE scope_key = 'all' ORDER BY id LIMIT 1")).rows[0]!
      .id;
    expect((await page.request.get(`/api/reports/${org}/report.pdf`)).status()).toBe(404);
  });

  test("[SCOPE-HTTP]: an OU-scoped analyst sees exactly the accounts below the OU over every page, export and API call", async ({
    browser,
    db,
    request,
  }) => {
    const placed = await db.query<{ id: string; ou_path: string }>(
      "SELECT id, ou_path FROM accounts WHERE status <> 'data_only' AND ou_path IS NOT NULL ORDER BY id",
    );
    const below = new Map<string, number>();
    for (const row of placed.rows)
      for (const ou of row.ou_path.split("/").filter((part) => part.startsWith("ou-"))) below.set(ou, (below.get(ou) ?? 0) + 1);
    const ou = [...below.entries()]
      .filter(([, n]) => n < placed.rows.length)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    expect(ou, "an OU that holds some of the demo's accounts but not all").toBeDefined();
    const scoped = await ids(db, "SELECT id FROM accounts WHERE $1 = ANY(string_to_array(ou_path, '/')) ORDER BY id", [ou]);
    const { page, token } = await makeUser(browser, "ou", "analyst", { ous: [ou!] });
    await checkScope(db, page, request, token, scoped);
    await checkGuessedIds(db, page, request, token, scoped);
  });

  test("[SCOPE-HTTP]: a scope whose tag and OU match nothing shows nothing anywhere, and never everything", async ({
    browser,
    db,
    request,
  }) => {
    const scope = { tags: ["scope-http=matches-nothing"], ous: ["ou-zzzz-zzzzzzzz"] };
    expect(
      await ids(
        db,
        "SELECT id FROM accounts WHERE tags ->> 'scope-http' = 'matches-nothing' OR 'ou-zzzz-zzzzzzzz' = ANY(string_to_array(ou_path, '/'))",
      ),
    ).toEqual([]);
    const { page, token } = await makeUser(browser, "nothing", "viewer", scope);
    await page.goto("/");
    await expect(new OverviewPage(page).table).toHaveCount(0);
    await expect(page.getByTestId("accounts-total")).toHaveText("0");
    await checkScope(db, page, request, token, []);
    await checkGuessedIds(db, page, request, token, []);
    await page.goto("/reports");
    await expect(page.getByText("No report yet")).toBeVisible();
  });
});
