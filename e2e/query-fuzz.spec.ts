import fc from "fast-check";
import { FINDING_MULTI_KEYS, FINDING_SORTS } from "../lib/data/findings/finding-filters";
import { expect, test } from "./fixtures";
import { addUser } from "./fixtures/users";
import { ApiTokensPage } from "./pages/api-tokens-page";
import { SignInPage } from "./pages/sign-in-page";

/**
 * Fuzz over every query parameter of the console's pages that read their URL (the findings
 * explorer, collection, the account page's `ev_*` timeline filters, overview, accounts list,
 * risk acceptances, an item's evidence, a raw record), the CSV exports and the JSON
 * API (the explorer's multi-select filters repeated, every sort column and direction,
 * cursors with number, time and text keys) against the running console: whatever the URL,
 * the answer is 200 (a page shows a message for bad input) or 400 (handlers), never a 500.
 * Bounded: a fixed number of runs per route, each request with a timeout, and a time cap
 * on the whole property.
 */
const RUNS_PER_ROUTE = 40;
const TIME_CAP_MS = 60_000;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Values that broke or might break something: NUL and control bytes, huge and odd numbers, unicode, SQL and LIKE metacharacters. */
const nasty = fc.constantFrom(
  "\u0000",
  "a\u0000b",
  "\u001b[31m",
  "\u007f",
  "%",
  "_",
  "\\",
  "'",
  '"',
  "' OR 1=1 --",
  "${x}",
  "<script>",
  "☃",
  "𝕏",
  "\uFFFD",
  "1e39",
  "-1",
  "NaN",
  "Infinity",
  "99999999999999999999",
  "9223372036854775808",
  "0",
  "1.5",
  "",
  " ",
  "x".repeat(300),
);
/** Cursors: valid-looking shapes with out-of-range, wrong-type or overflowing parts, and plain garbage. */
const cursor = fc.oneof(
  fc
    .record({
      k: fc.oneof(
        fc.double(),
        fc.integer(),
        fc.string(),
        fc.string({ unit: "binary" }),
        fc.constant(1e39),
        fc.constantFrom("\u0000", "a\u0000b", "x".repeat(3000), "123456789012", "guardduty", "active", ""),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      ),
      i: fc.oneof(fc.string(), fc.bigInt().map(String), fc.integer(), fc.constant("9223372036854775808")),
    })
    .map(b64),
  fc
    .record({
      t: fc.oneof(
        fc.string(),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constant("1"),
        fc.constant("2026-02-31T00:00:00.000Z"),
      ),
      i: fc.oneof(fc.bigInt().map(String), fc.string()),
    })
    .map(b64),
  fc.jsonValue().map(b64),
  fc.string(),
  fc.base64String(),
);
const anyValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  nasty,
  fc.integer().map(String),
  fc.bigInt().map(String),
);
/** Raw (not re-encoded) query fragments: bad percent escapes and overlong UTF-8 that a URL parser may choke on. */
const rawEscape = fc.constantFrom("%ZZ", "%", "%0", "%00", "%ED%A0%80", "%C0%80", "%FF", "%E2%82", "%2500");

const FINDINGS_PARAMS = {
  account: fc.oneof(fc.constant("123456789012"), fc.constant("123456789012,210987654321"), fc.stringMatching(/^\d{1,14}$/), anyValue),
  source: fc.oneof(fc.constantFrom("guardduty", "securityhub", "guardduty,securityhub", ",guardduty,"), anyValue),
  severity: fc.oneof(fc.constantFrom("HIGH", "low", "Critical", "HIGH,critical", "HIGH,,LOW"), anyValue),
  status: fc.oneof(fc.constantFrom("active", "all", "archived"), anyValue),
  control: fc.oneof(fc.constant("IAM.6"), anyValue),
  type: anyValue,
  region: fc.oneof(fc.constantFrom("us-east-1", "eu-west-1", "us-east-1,eu-west-1"), anyValue),
  q: anyValue,
  copies: fc.oneof(fc.constantFrom("1", "true", "0"), anyValue),
  passed: fc.oneof(fc.constantFrom("1", "false"), anyValue),
  sort: fc.oneof(fc.constantFrom(...FINDING_SORTS), anyValue),
  dir: fc.oneof(fc.constantFrom("desc", "asc"), anyValue),
  after: fc.oneof(cursor, anyValue),
  before: fc.oneof(cursor, anyValue),
};
/** The explorer's multi-select filters: these may repeat in one URL (and take comma-separated values). */
const MULTI_PARAMS = new Set<string>(FINDING_MULTI_KEYS);
const COLLECTION_PARAMS = {
  account: FINDINGS_PARAMS.account,
  status: fc.oneof(fc.constantFrom("running", "failed"), anyValue),
  cursor: fc.oneof(fc.constantFrom("problems", "all", "error"), anyValue),
  after: fc.oneof(cursor, anyValue),
  lpage: fc.oneof(fc.constantFrom("1", "2", "99", "0", "-1", "1.5"), anyValue),
  cpage: fc.oneof(fc.constantFrom("1", "3", "0", "x"), anyValue),
};
/** The account page's CloudTrail timeline (`ev_*`, lib/data/checklist/event-filters.ts) and its failing-items switch. */
const ACCOUNT_PAGE_PARAMS = {
  ev_name: fc.oneof(fc.constantFrom("ConsoleLogin", "StopLogging", "DeleteTrail", "console-login"), anyValue),
  ev_region: fc.oneof(fc.constantFrom("us-east-1", "eu-west-1", "mars-1"), anyValue),
  ev_failed: fc.oneof(fc.constantFrom("1", "0", "true", "on"), anyValue),
  ev_q: anyValue,
  ev_after: fc.oneof(cursor, anyValue),
  items: fc.oneof(fc.constant("failing"), anyValue),
};
/** Every other page that reads its URL: the overview's heat map order, the accounts list, risk acceptances, an item's evidence, a raw record's way back. */
const OVERVIEW_PARAMS = {
  heat: fc.oneof(fc.constantFrom("name", "score", "identity", "identity_access"), anyValue),
  dir: FINDINGS_PARAMS.dir,
  hpage: fc.oneof(fc.integer({ min: -2, max: 5 }).map(String), anyValue),
  sort: fc.oneof(fc.constantFrom("critical", "collection", "bogus"), anyValue),
  adir: FINDINGS_PARAMS.dir,
  apage: fc.oneof(fc.integer({ min: -2, max: 5 }).map(String), anyValue),
  size: fc.oneof(fc.integer({ min: -1, max: 150 }).map(String), anyValue),
};
const ACCOUNTS_LIST_PARAMS = {
  q: anyValue,
  status: fc.oneof(fc.constantFrom("active", "pending", "unreachable", "disabled"), anyValue),
  health: anyValue,
  tag: fc.oneof(fc.constantFrom("env=prod", "=", "env=", "a\u0000=b"), anyValue),
  sort: anyValue,
  dir: FINDINGS_PARAMS.dir,
};
const RISK_ACCEPTANCES_PARAMS = { state: fc.oneof(fc.constantFrom("active", "ended"), anyValue), page: anyValue };
const ITEM_PARAMS = { group: anyValue, page: anyValue, open: anyValue, rpage: anyValue };
const RECORD_PARAMS = { from: fc.oneof(fc.constantFrom("severity=HIGH", "sort=title&after=x"), anyValue) };
const API_FINDINGS_PARAMS = { ...FINDINGS_PARAMS, limit: fc.oneof(fc.integer({ min: -5, max: 2000 }).map(String), anyValue) };
const API_SCORES_PARAMS = { account: FINDINGS_PARAMS.account, days: fc.oneof(fc.integer({ min: -5, max: 500 }).map(String), anyValue) };

/**
 * A query string: some of the route's parameters (encoded), a multi-select one to three
 * times and any other sometimes twice (the first value counts), sometimes with a raw bad escape.
 */
function queryOf(params: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const names = Object.keys(params);
  return fc
    .tuple(
      fc
        .subarray(names, { minLength: 1 })
        .chain((chosen) =>
          fc.tuple(
            ...chosen.map((name) =>
              fc
                .array(params[name]!, { minLength: 1, maxLength: MULTI_PARAMS.has(name) ? 3 : 2 })
                .map((values) => values.map((value) => [name, value] as const)),
            ),
          ),
        ),
      fc.option(fc.tuple(fc.constantFrom(...names), rawEscape), { nil: undefined }),
    )
    .map(([groups, raw]) => {
      const search = new URLSearchParams(groups.flat().map(([name, value]) => [name, value])).toString();
      return raw ? `${search}&${raw[0]}=${raw[1]}` : search;
    });
}

test.describe("[FUZZ]", () => {
  test.setTimeout(13 * TIME_CAP_MS + 60_000);

  test("[FUZZ]: every query parameter of the console's pages, the exports and the JSON API answers 200 or 400, never 500", async ({
    page,
    db,
    request,
  }) => {
    const accounts = await db.query<{ id: string }>("SELECT id FROM accounts WHERE status <> 'data_only' ORDER BY id LIMIT 2");
    const email = `fuzz-${Date.now()}@example.com`;
    addUser(
      email,
      "analyst",
      accounts.rows.map((row) => row.id),
      "fuzz-password-123",
    );
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(email, "fuzz-password-123");
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    const tokens = new ApiTokensPage(page);
    await tokens.goto();
    const token = await tokens.create(`fuzz ${Date.now()}`, "7");

    const accountId = accounts.rows[0]!.id;
    const itemId = (
      await db.query<{ item_id: string }>("SELECT item_id FROM checklist_results WHERE account_id = $1 ORDER BY item_id LIMIT 1", [
        accountId,
      ])
    ).rows[0]!.item_id;
    const findingId = (
      await db.query<{ id: string }>("SELECT source_id AS id FROM findings WHERE account_id = $1 ORDER BY id LIMIT 1", [accountId])
    ).rows[0]!.id;
    const routes: Array<{ path: string; params: Record<string, fc.Arbitrary<string>>; via: "session" | "token"; allowed: number[] }> = [
      { path: `/accounts/${accountId}`, params: ACCOUNT_PAGE_PARAMS, via: "session", allowed: [200, 400] },
      { path: "/", params: OVERVIEW_PARAMS, via: "session", allowed: [200, 400] },
      { path: "/accounts", params: ACCOUNTS_LIST_PARAMS, via: "session", allowed: [200, 400] },
      { path: "/api/accounts/export", params: ACCOUNTS_LIST_PARAMS, via: "session", allowed: [200, 400] },
      { path: "/risk-acceptances", params: RISK_ACCEPTANCES_PARAMS, via: "session", allowed: [200, 400] },
      { path: `/accounts/${accountId}/items/${itemId}`, params: ITEM_PARAMS, via: "session", allowed: [200, 400] },
      {
        path: `/accounts/${accountId}/records/finding/${encodeURIComponent(findingId)}`,
        params: RECORD_PARAMS,
        via: "session",
        allowed: [200, 400],
      },
      { path: "/findings", params: FINDINGS_PARAMS, via: "session", allowed: [200, 400] },
      { path: "/collection", params: COLLECTION_PARAMS, via: "session", allowed: [200, 400] },
      { path: "/api/findings/export", params: FINDINGS_PARAMS, via: "session", allowed: [200, 400] },
      { path: "/api/v1/findings", params: API_FINDINGS_PARAMS, via: "token", allowed: [200, 400] },
      { path: "/api/v1/scores", params: API_SCORES_PARAMS, via: "token", allowed: [200, 400, 404] },
      { path: "/api/v1/accounts", params: { anything: anyValue, after: cursor }, via: "token", allowed: [200, 400] },
    ];
    const seen: Record<string, Record<number, number>> = {};
    for (const route of routes) {
      seen[route.path] = {};
      await fc.assert(
        fc.asyncProperty(queryOf(route.params), async (query) => {
          const url = `${route.path}?${query}`;
          const response =
            route.via === "session"
              ? await page.request.get(url, { maxRedirects: 0, timeout: 30_000 })
              : await request.get(url, { headers: { Authorization: `Bearer ${token}` }, maxRedirects: 0, timeout: 30_000 });
          const status = response.status();
          seen[route.path]![status] = (seen[route.path]![status] ?? 0) + 1;
          if (!route.allowed.includes(status)) throw new Error(`${url} answered ${status}: ${(await response.text()).slice(0, 300)}`);
          // Our 400s are JSON naming the parameter; Next.js itself may refuse a URL it cannot decode before any handler runs.
          if (status === 400 && (response.headers()["content-type"] ?? "").includes("json"))
            expect(((await response.json()) as { error: string }).error).toBe("INVALID_INPUT");
        }),
        // The empty query is always tried too: random parameters are almost always invalid for the export
        // and the API, so without it a run could see no 200 at all and prove nothing about the valid path.
        {
          numRuns: RUNS_PER_ROUTE,
          interruptAfterTimeLimit: TIME_CAP_MS,
          markInterruptAsFailure: false,
          seed: Date.now() % 2 ** 31,
          examples: [[""]],
        },
      );
    }
    console.log(`[FUZZ] statuses per route: ${JSON.stringify(seen)}`);
    // The fuzzer must have reached both outcomes where both exist, or it proved little.
    for (const path of ["/api/findings/export", "/api/v1/findings"]) {
      expect(seen[path]![200], `${path} never answered 200`).toBeGreaterThan(0);
      expect(seen[path]![400], `${path} never answered 400`).toBeGreaterThan(0);
    }
  });

  test("[FUZZ]: the account page names a bad timeline filter or cursor in the timeline's place and offers to clear it", async ({
    page,
    db,
    signedIn: _,
  }) => {
    // The busiest account, so its timeline has an older page to follow below.
    const accountId = (
      await db.query<{ id: string }>(
        "SELECT account_id AS id FROM cloudtrail_events GROUP BY account_id HAVING count(*) > 25 ORDER BY count(*) DESC, account_id LIMIT 1",
      )
    ).rows[0]!.id;
    const cases: Array<[string, RegExp]> = [
      [`ev_q=${encodeURIComponent("a\u0000b")}`, /ev_q: must not contain control characters/],
      // Date.parse reads "1" as the year 2001; PostgreSQL's timestamptz refuses it (it was a 500).
      [`ev_after=${b64({ t: "1", i: "x" })}`, /ev_after: is not a page cursor of this timeline/],
      [`ev_after=${b64({ t: "2026-01-01T00:00:00.000Z", i: "a\u0000b" })}`, /ev_after: is not a page cursor of this timeline/],
      ["ev_name=Console-Login", /ev_name: an event name is letters and digits/],
      ["ev_failed=maybe", /ev_failed: must be 1, true, 0 or false/],
    ];
    for (const [query, message] of cases) {
      const response = await page.goto(`/accounts/${accountId}?${query}`);
      expect(response?.status(), query).toBe(200);
      const alert = page.getByTestId("events-invalid-query");
      await expect(alert).toContainText(message);
      // The rest of the account page is still there; only the timeline is replaced.
      await expect(page.getByRole("heading", { name: "Active findings, most severe first" })).toBeVisible();
      await alert.getByRole("link", { name: "Show events without them" }).click();
      await expect(page).toHaveURL(new RegExp(`/accounts/${accountId}#events$`));
      await expect(page.getByTestId("events-filters")).toBeVisible();
    }
    // A cursor the timeline wrote still pages (the codec round-trips).
    await page.goto(`/accounts/${accountId}#events`);
    await page.getByTestId("events-older").click();
    await expect(page).toHaveURL(/ev_after=/);
    await expect(page.getByTestId("events-filters")).toBeVisible();
    await expect(page.getByTestId("events-invalid-query")).toHaveCount(0);
  });

  test("[FUZZ]: the overview, the accounts list, its CSV, risk acceptances and the item page name a bad parameter instead of showing everything", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const account = (await db.query<{ id: string }>("SELECT id FROM accounts WHERE status = 'active' ORDER BY id LIMIT 1")).rows[0]!.id;
    const item = `/accounts/${account}/items/IAM-05`;
    for (const [url, message, reset] of [
      [`${item}?group=colour`, /group: must be one of/, item],
      [`${item}?rpage=x`, /rpage: must be a page number from 0/, item],
      [`${item}?open=${encodeURIComponent("a\u0000")}`, /open: must not contain control characters/, item],
      ["/?heat=colour", /heat: must be one of name, score, identity_access/, "/"],
      ["/?dir=up", /dir: must be one of asc, desc/, "/"],
      ["/?hpage=0", /hpage: must be a whole number of 1 or more/, "/"],
      ["/?apage=two", /apage: must be a whole number of 1 or more/, "/"],
      ["/?size=1000", /size: must be a whole number from 1 to 100/, "/"],
      ["/?sort=worst&adir=1", /sort: must be one of name, score.*; adir: must be one of asc, desc/, "/"],
      ["/accounts?health=broken", /health: must be one of errors, stale, ok/, "/accounts"],
      [`/accounts?q=${encodeURIComponent("a\u0000")}`, /q: must not contain control characters/, "/accounts"],
      ["/risk-acceptances?state=expired", /state: must be active or ended/, "/risk-acceptances"],
      ["/risk-acceptances?page=-1", /page: must be a page number from 0/, "/risk-acceptances"],
    ] as const) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await expect(page.getByTestId("invalid-query")).toContainText(message);
      await expect(page.getByTestId("invalid-query").getByRole("link")).toHaveAttribute("href", reset);
    }
    const csv = await page.request.get("/api/accounts/export?tag=novalue");
    expect(csv.status()).toBe(400);
    expect(await csv.json()).toEqual({ error: "INVALID_INPUT", message: "tag: a tag filter is key=value" });
  });
});
