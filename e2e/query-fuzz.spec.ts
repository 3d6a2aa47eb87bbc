import fc from "fast-check";
import { FINDING_MULTI_KEYS, FINDING_SORTS } from "../lib/data/findings/finding-filters";
import { expect, test } from "./fixtures";
import { addUser } from "./fixtures/users";
import { ApiTokensPage } from "./pages/api-tokens-page";
import { SignInPage } from "./pages/sign-in-page";

/**
 * Fuzz over every query parameter of /findings, /collection, the CSV export and the JSON
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
};
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
  test.setTimeout(6 * TIME_CAP_MS + 60_000);

  test("[FUZZ]: every query parameter of the findings and collection pages, the export and the JSON API answers 200 or 400, never 500", async ({
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

    const routes: Array<{ path: string; params: Record<string, fc.Arbitrary<string>>; via: "session" | "token"; allowed: number[] }> = [
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
});
