import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser } from "@playwright/test";
import type pg from "pg";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./global-setup";
import { expect, test } from "./fixtures";
import { addUser } from "./fixtures/users";
import { SignInPage } from "./pages/sign-in-page";

/**
 * [ROUTES] Every route of the build — pages and route handlers from
 * .next/server/app-paths-manifest.json, server actions from server-reference-manifest.json —
 * is refused without a session, and refused to each role below the one it needs (admin-only
 * pages answer 404 to analysts and viewers; mutations refuse viewers). A route missing from
 * the tables below FAILS the test: whoever adds a route says here who may reach it.
 */
type Access = "public" | "viewer" | "analyst" | "admin" | "internal";
const RANK: Record<"viewer" | "analyst" | "admin", number> = { viewer: 0, analyst: 1, admin: 2 };
const ROLES = ["viewer", "analyst", "admin"] as const;

interface Ids {
  accountId: string;
  itemId: string;
  /** A finding's source id (GuardDuty id or ASFF Id): what evidence links use. */
  findingId: string;
  userId: string;
  /** The demo's report of the last complete week (org-wide). */
  reportId: string;
}

/** Pages and route handlers: who may reach them, and a URL that exercises them. */
const ROUTES: Record<string, { access: Access; url: (ids: Ids) => string }> = {
  "/(auth)/sign-in/page": { access: "public", url: () => "/sign-in" },
  "/(auth)/sign-in/refused/page": { access: "public", url: () => "/sign-in/refused?reason=no-group" },
  "/(console)/(home)/page": { access: "viewer", url: () => "/" },
  "/(console)/accounts/(list)/page": { access: "viewer", url: () => "/accounts" },
  "/(console)/risk-acceptances/page": { access: "viewer", url: () => "/risk-acceptances" },
  "/api/accounts/export/route": { access: "viewer", url: () => "/api/accounts/export" },
  "/api/accounts/search/route": { access: "viewer", url: () => "/api/accounts/search?q=a" },
  "/(console)/accounts/[accountId]/page": { access: "viewer", url: (ids) => `/accounts/${ids.accountId}` },
  // Any role may open it: non-admins see "Only admins can edit accounts" and no form; the
  // mutation behind it (updateAccountAction) refuses them, see ACTIONS.
  "/(console)/accounts/[accountId]/edit/page": { access: "viewer", url: (ids) => `/accounts/${ids.accountId}/edit` },
  "/(console)/accounts/[accountId]/items/[itemId]/page": {
    access: "viewer",
    url: (ids) => `/accounts/${ids.accountId}/items/${ids.itemId}`,
  },
  "/(console)/accounts/[accountId]/records/[kind]/[recordId]/page": {
    access: "viewer",
    url: (ids) => `/accounts/${ids.accountId}/records/finding/${encodeURIComponent(ids.findingId)}`,
  },
  "/(console)/checklist/page": { access: "viewer", url: () => "/checklist" },
  "/(console)/collection/page": { access: "viewer", url: () => "/collection" },
  "/(console)/findings/page": { access: "viewer", url: () => "/findings" },
  "/(console)/users/page": { access: "admin", url: () => "/users" },
  "/(console)/users/[userId]/page": { access: "admin", url: (ids) => `/users/${ids.userId}` },
  "/(console)/audit/page": { access: "admin", url: () => "/audit" },
  "/(console)/settings/sso/page": { access: "admin", url: () => "/settings/sso" },
  "/(console)/settings/account/page": { access: "viewer", url: () => "/settings/account" },
  "/(console)/reports/page": { access: "viewer", url: () => "/reports" },
  "/(console)/settings/tokens/page": { access: "viewer", url: () => "/settings/tokens" },
  "/api/reports/[reportId]/[file]/route": { access: "viewer", url: (ids) => `/api/reports/${ids.reportId}/report.pdf` },
  "/api/v1/accounts/route": { access: "viewer", url: () => "/api/v1/accounts" },
  "/api/v1/scores/route": { access: "viewer", url: () => "/api/v1/scores" },
  "/api/v1/findings/route": { access: "viewer", url: () => "/api/v1/findings" },
  "/api/v1/openapi.json/route": { access: "viewer", url: () => "/api/v1/openapi.json" },
  "/api/auth/[...nextauth]/route": { access: "public", url: () => "/api/auth/providers" },
  "/api/findings/export/route": { access: "viewer", url: () => "/api/findings/export" },
  "/api/audit/export/route": { access: "admin", url: () => "/api/audit/export" },
  "/icon.svg/route": { access: "public", url: () => "/icon.svg" },
  // The console's 404 for unknown paths (inside the console frame): it answers 404 by design,
  // so the 200-for-allowed-roles check does not apply; e2e/console.spec.ts checks it.
  "/(console)/[...missing]/page": { access: "internal", url: () => "/no-such-page" },
  // Next.js's own error pages: not routes a request can name.
  "/_global-error/page": { access: "internal", url: () => "" },
  "/_not-found/page": { access: "internal", url: () => "" },
};

type ActionArg = string | boolean | null | Record<string, unknown> | { form: Record<string, string | string[]> };

/** What an action would write, read back from the database: equal before and after a refused call, or the refusal let something through. */
type Written = (db: pg.Client, ids: ActionIds) => Promise<unknown>;

interface ActionIds extends Ids {
  /** A user the test made to be acted on (never the admin the suite signs in with). */
  targetUserId: string;
  /** A failing item of `accountId` (risk can be accepted only on failures) and a finding its evidence cites. */
  failingItemId: string;
  citedFindingId: string;
  /** A live risk acceptance and an SSO mapping the test made, for the revoke and delete actions. */
  acceptanceId: string;
  mappingId: string;
}

const rows = (sql: string, params: (ids: ActionIds) => unknown[] = () => []) =>
  (async (db, ids) => (await db.query(sql, params(ids))).rows) satisfies Written;
const weekFromNow = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

/**
 * Server actions, by file and export: the least role that may run them, the page they are
 * posted to, valid arguments (forms with the field names and values the page's own form
 * sends, so only the role check can stop them), the refusal the action answers with, and
 * the rows it would write (`written`, compared before and after each refused call; null
 * only for actions every role may run). `throws`: the action refuses by throwing (an error
 * without details, so that part of the check is weaker; `written` still proves nothing happened).
 */
const ACTIONS: Record<
  string,
  {
    access: Exclude<Access, "public" | "internal">;
    page: string;
    args: (ids: ActionIds) => ActionArg[];
    refusal: RegExp | "throws";
    written: Written | null;
  }
> = {
  "app/(console)/accounts/actions.ts#createAccountAction": {
    access: "admin",
    page: "/accounts",
    args: () => [
      {
        form: {
          id: "999999999999",
          name: "Route test",
          roleArn: "arn:aws:iam::999999999999:role/ParapetReadOnly",
          externalId: "route-test-external-id",
          regions: ["us-east-1"],
          owner: "",
        },
      },
    ],
    refusal: /only admins can add accounts/,
    written: rows("SELECT * FROM accounts WHERE id = '999999999999'"),
  },
  "app/(console)/accounts/actions.ts#updateAccountAction": {
    access: "admin",
    page: "/accounts",
    args: (ids) => [
      {
        form: {
          id: ids.accountId,
          name: "Renamed by a viewer",
          roleArn: `arn:aws:iam::${ids.accountId}:role/ParapetReadOnly`,
          externalId: "",
          regions: ["us-east-1"],
          owner: "",
        },
      },
    ],
    refusal: /only admins can edit accounts/,
    written: rows("SELECT name, role_arn, external_id, regions, owner, updated_at FROM accounts WHERE id = $1", (ids) => [ids.accountId]),
  },
  // Writes nothing but its audit entry (checked for every action below).
  "app/(console)/accounts/actions.ts#testConnectionFormAction": {
    access: "admin",
    page: "/accounts",
    args: () => [
      {
        form: {
          id: "999999999999",
          roleArn: "arn:aws:iam::999999999999:role/ParapetReadOnly",
          externalId: "route-test-external-id",
          regions: ["us-east-1"],
        },
      },
    ],
    refusal: /only admins can test a new account/,
    written: rows("SELECT * FROM accounts WHERE id = '999999999999'"),
  },
  "app/(console)/accounts/actions.ts#testAccountConnectionAction": {
    access: "analyst",
    page: "/accounts",
    args: (ids) => [ids.accountId],
    refusal: /only admins and analysts can test connections/,
    written: rows("SELECT status, status_error FROM accounts WHERE id = $1", (ids) => [ids.accountId]),
  },
  "app/(console)/accounts/actions.ts#collectNowAction": {
    access: "analyst",
    page: "/accounts",
    args: (ids) => [ids.accountId],
    refusal: /only admins and analysts can start a collection/,
    written: rows("SELECT id FROM collection_runs WHERE account_id = $1 ORDER BY id", (ids) => [ids.accountId]),
  },
  "app/(console)/accounts/actions.ts#setAccountEnabledAction": {
    access: "admin",
    page: "/accounts",
    args: (ids) => [ids.accountId, false],
    refusal: /only admins can disable or enable accounts/,
    written: rows("SELECT status FROM accounts WHERE id = $1", (ids) => [ids.accountId]),
  },
  "app/(console)/accounts/actions.ts#discoverAccountsAction": {
    access: "admin",
    page: "/accounts",
    args: (ids) => [ids.accountId],
    refusal: /only admins can discover accounts/,
    written: rows("SELECT count(*)::int AS n FROM accounts"),
  },
  "app/(console)/accounts/[accountId]/items/[itemId]/actions.ts#acceptRiskAction": {
    access: "analyst",
    page: "/accounts",
    args: (ids) => [
      { status: "idle" },
      {
        form: {
          accountId: ids.accountId,
          itemId: ids.failingItemId,
          reason: "accepted by a viewer in the route test",
          owner: "viewer",
          expiresAt: weekFromNow(),
        },
      },
    ],
    refusal: /only analysts and admins/,
    written: rows("SELECT id, revoked_at FROM risk_acceptances WHERE account_id = $1 ORDER BY id", (ids) => [ids.accountId]),
  },
  "app/(console)/accounts/[accountId]/items/[itemId]/actions.ts#revokeRiskAction": {
    access: "analyst",
    page: "/accounts",
    args: (ids) => [{ form: { accountId: ids.accountId, itemId: ids.failingItemId, acceptanceId: ids.acceptanceId } }],
    refusal: "throws",
    written: rows("SELECT revoked_at FROM risk_acceptances WHERE id = $1", (ids) => [ids.acceptanceId]),
  },
  "app/(console)/findings/actions.ts#bulkAcceptRiskAction": {
    access: "analyst",
    page: "/findings",
    args: (ids) => [
      { status: "idle" },
      {
        form: {
          finding: `${ids.accountId}:${ids.citedFindingId}`,
          reason: "accepted by a viewer in the route test",
          owner: "viewer",
          expiresAt: weekFromNow(),
        },
      },
    ],
    refusal: /Only analysts and admins can accept risks/,
    written: rows("SELECT id, revoked_at FROM risk_acceptances WHERE account_id = $1 ORDER BY id", (ids) => [ids.accountId]),
  },
  "app/(console)/users/actions.ts#createUserAction": {
    access: "admin",
    page: "/users",
    args: () => [{ form: { email: "made-by-a-viewer@example.com", name: "", role: "admin", allAccounts: "on" } }],
    refusal: /only admins can create users/,
    written: rows("SELECT * FROM users WHERE email = 'made-by-a-viewer@example.com'"),
  },
  "app/(console)/users/actions.ts#updateUserAccessAction": {
    access: "admin",
    page: "/users",
    args: (ids) => [ids.targetUserId, { form: { role: "admin", allAccounts: "on" } }],
    refusal: /only admins can change roles and scopes/,
    written: rows("SELECT role, all_accounts, account_scope, scope_tags, scope_ous, session_version FROM users WHERE id = $1", (ids) => [
      ids.targetUserId,
    ]),
  },
  // The role+scope form's "matches N accounts now" (users and SSO mappings): admins only.
  "app/(console)/users/actions.ts#previewScopeAction": {
    access: "admin",
    page: "/users",
    args: () => [{ form: { role: "viewer", allAccounts: "", tagKey: "env", tagValue: "prod" } }],
    refusal: /only admins can preview scopes/,
    // A read (how many accounts the scope matches now) that writes nothing even for admins:
    // the refusal is the check, and the user rows a scope form is about stay as they were.
    written: rows("SELECT role, all_accounts, account_scope, scope_tags, scope_ous FROM users WHERE id = $1", (ids) => [ids.targetUserId]),
  },
  "app/(console)/users/actions.ts#setUserDisabledAction": {
    access: "admin",
    page: "/users",
    args: (ids) => [ids.targetUserId, true],
    refusal: /only admins can disable users/,
    written: rows("SELECT disabled, session_version FROM users WHERE id = $1", (ids) => [ids.targetUserId]),
  },
  "app/(console)/users/actions.ts#resetUserPasswordAction": {
    access: "admin",
    page: "/users",
    args: (ids) => [ids.targetUserId],
    refusal: /only admins can reset passwords/,
    written: rows("SELECT password_hash, session_version FROM users WHERE id = $1", (ids) => [ids.targetUserId]),
  },
  "app/(console)/users/actions.ts#endUserSessionsAction": {
    access: "admin",
    page: "/users",
    args: (ids) => [ids.targetUserId],
    refusal: /only admins can end another user's sessions/,
    written: rows("SELECT session_version FROM users WHERE id = $1", (ids) => [ids.targetUserId]),
  },
  "app/(console)/settings/sso/actions.ts#saveSsoMappingAction": {
    access: "admin",
    page: "/settings/sso",
    args: () => [{ form: { groupName: "made-by-a-viewer", role: "admin", allAccounts: "on" } }],
    refusal: /only admins can edit single sign-on mappings/,
    written: rows("SELECT * FROM sso_group_mappings WHERE group_name = 'made-by-a-viewer'"),
  },
  "app/(console)/settings/sso/actions.ts#updateSsoMappingAction": {
    access: "admin",
    page: "/settings/sso",
    args: (ids) => [ids.mappingId, { form: { role: "admin", allAccounts: "on" } }],
    refusal: /only admins can edit single sign-on mappings/,
    written: rows("SELECT * FROM sso_group_mappings WHERE id = $1", (ids) => [ids.mappingId]),
  },
  "app/(console)/settings/sso/actions.ts#deleteSsoMappingAction": {
    access: "admin",
    page: "/settings/sso",
    args: (ids) => [ids.mappingId],
    refusal: /only admins can edit single sign-on mappings/,
    written: rows("SELECT * FROM sso_group_mappings WHERE id = $1", (ids) => [ids.mappingId]),
  },
  "app/(console)/accounts/[accountId]/actions.ts#updateAccountTagsAction": {
    access: "admin",
    page: "/accounts",
    args: (ids) => [{ status: "idle" }, { form: { accountId: ids.accountId, tags: "route-test=viewer" } }],
    refusal: /only admins/,
    written: rows("SELECT tags FROM accounts WHERE id = $1", (ids) => [ids.accountId]),
  },
  "app/(console)/reports/actions.ts#generateReportAction": {
    access: "analyst",
    page: "/reports",
    args: () => [null, { form: { week: "2026-W01", scope: "all", paper: "a4" } }],
    refusal: /viewers can read reports but not generate them/,
    written: rows("SELECT id FROM reports WHERE week = '2026-W01' ORDER BY id"),
  },
  "app/(console)/reports/actions.ts#saveScheduleAction": {
    access: "admin",
    page: "/reports",
    args: () => [
      null,
      {
        form: {
          name: "made-by-a-viewer",
          scope: "all",
          recipients: "x@example.com",
          paper: "a4",
          dayOfWeek: "1",
          timeOfDay: "06:00",
          timeZone: "UTC",
          enabled: "on",
        },
      },
    ],
    refusal: /only admins/,
    written: rows("SELECT * FROM report_schedules WHERE name = 'made-by-a-viewer'"),
  },
  // Every signed-in user manages their own API tokens (at most their own role and scope).
  "app/(console)/settings/tokens/actions.ts#createTokenAction": {
    access: "viewer",
    page: "/settings/tokens",
    args: () => [{}, { form: { name: "route-test", expiresInDays: "7" } }],
    refusal: /never/,
    written: null,
  },
  "app/(console)/settings/tokens/actions.ts#revokeTokenAction": {
    access: "viewer",
    page: "/settings/tokens",
    args: () => [{ form: { tokenId: "00000000-0000-4000-8000-000000000000" } }],
    refusal: /never/,
    written: null,
  },
  // Every signed-in user may change their own password and end their own sessions.
  "app/(console)/settings/account/actions.ts#changePasswordAction": {
    access: "viewer",
    page: "/settings/account",
    args: () => [{ form: { current: "x", next: "y", confirm: "y" } }],
    refusal: /never/,
    written: null,
  },
  "app/(console)/settings/account/actions.ts#signOutEverywhereAction": {
    access: "viewer",
    page: "/settings/account",
    args: () => [],
    refusal: /never/,
    written: null,
  },
};

function readManifest<T>(name: string): T {
  return JSON.parse(readFileSync(path.resolve(__dirname, "../.next/server", name), "utf8")) as T;
}

/** A signed-in request context for a role (through the sign-in form, as a user would). */
async function signedInRequest(browser: Browser, email: string, password: string): Promise<APIRequestContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  return context.request;
}

/**
 * Posts a server action the way React 19's encodeReply does: JSON arguments, each FormData
 * as `$K<n>` (n in hex) with its fields renamed `_<n>_<name>`. (The fields were once sent as
 * `<n>_<name>`, which the server does not read as the form's: every form arrived empty and
 * validation answered before any role check, so no form action's refusal was proven.)
 */
async function callAction(request: APIRequestContext, page: string, actionId: string, args: ActionArg[]) {
  const forms: Array<Record<string, string | string[]>> = [];
  const encoded = args.map((arg) => {
    if (arg && typeof arg === "object" && "form" in arg) {
      forms.push(arg.form as Record<string, string | string[]>);
      return `$K${forms.length.toString(16)}`;
    }
    return arg;
  });
  const headers = { "Next-Action": actionId, Accept: "text/x-component", Origin: new URL(process.env.PARAPET_E2E_BASE_URL!).origin };
  if (forms.length === 0) {
    return request.post(page, {
      headers: { ...headers, "Content-Type": "text/plain;charset=UTF-8" },
      data: JSON.stringify(encoded),
      maxRedirects: 0,
    });
  }
  const body = new FormData();
  forms.forEach((form, index) => {
    for (const [key, value] of Object.entries(form))
      for (const item of Array.isArray(value) ? value : [value]) body.append(`_${(index + 1).toString(16)}_${key}`, item);
  });
  // The root part last, as React sends it: the server resolves `$K<n>` from the fields read before it.
  body.append("0", JSON.stringify(encoded));
  return request.post(page, { headers, multipart: body, maxRedirects: 0 });
}

function isRefusedWithoutSession(status: number, location: string | undefined): boolean {
  return status === 401 || ((status === 302 || status === 303 || status === 307) && /\/sign-in/.test(location ?? ""));
}

async function findIds(db: pg.Client): Promise<Ids> {
  const accountId = (await db.query<{ id: string }>("SELECT id FROM accounts WHERE status <> 'data_only' ORDER BY id LIMIT 1")).rows[0]!.id;
  const one = async (sql: string, params: unknown[] = []) => (await db.query<{ id: string }>(sql, params)).rows[0]!.id;
  return {
    accountId,
    itemId: await one("SELECT item_id AS id FROM checklist_results WHERE account_id = $1 ORDER BY item_id LIMIT 1", [accountId]),
    findingId: await one("SELECT source_id AS id FROM findings WHERE account_id = $1 ORDER BY id LIMIT 1", [accountId]),
    userId: await one("SELECT id FROM users WHERE email = $1", [ADMIN_EMAIL]),
    reportId: await one("SELECT id::text AS id FROM reports ORDER BY id LIMIT 1"),
  };
}

const takesForm = (args: ActionArg[]) => args.some((arg) => arg !== null && typeof arg === "object" && "form" in arg);

test.describe("[ROUTES]", () => {
  test("[ROUTES]: every route and server action of the build is in the access tables", () => {
    const routes = Object.keys(readManifest<Record<string, string>>("app-paths-manifest.json"));
    expect(
      routes.filter((route) => !(route in ROUTES)),
      "routes with no access rule: add them to ROUTES",
    ).toEqual([]);
    const actions = Object.values(
      readManifest<{ node: Record<string, { filename: string; exportedName: string }> }>("server-reference-manifest.json").node,
    ).map((entry) => `${entry.filename}#${entry.exportedName}`);
    expect(
      [...new Set(actions)].filter((action) => !(action in ACTIONS)),
      "server actions with no access rule: add them to ACTIONS",
    ).toEqual([]);
    // Only actions every signed-in user may run can skip saying what they would write.
    expect(
      Object.entries(ACTIONS)
        .filter(([, rule]) => rule.access !== "viewer" && !rule.written)
        .map(([key]) => key),
    ).toEqual([]);
  });

  test("[ROUTES]: pages and route handlers refuse requests without a session and roles below theirs", async ({
    browser,
    db,
    playwright,
  }) => {
    test.setTimeout(180_000);
    const stamp = Date.now();
    addUser(`route-viewer-${stamp}@example.com`, "viewer", { all: true }, "route-viewer-password");
    addUser(`route-analyst-${stamp}@example.com`, "analyst", { all: true }, "route-analyst-password");
    const ids = await findIds(db);
    const anonymous = await playwright.request.newContext({ baseURL: process.env.PARAPET_E2E_BASE_URL });
    const requests = {
      viewer: await signedInRequest(browser, `route-viewer-${stamp}@example.com`, "route-viewer-password"),
      analyst: await signedInRequest(browser, `route-analyst-${stamp}@example.com`, "route-analyst-password"),
      admin: await signedInRequest(browser, ADMIN_EMAIL, ADMIN_PASSWORD),
    };
    const routes = Object.keys(readManifest<Record<string, string>>("app-paths-manifest.json"));
    const problems: string[] = [];
    for (const route of routes) {
      const rule = ROUTES[route];
      if (!rule || rule.access === "internal") continue;
      const url = rule.url(ids);
      const none = await anonymous.get(url, { maxRedirects: 0 });
      const refusedWithout = isRefusedWithoutSession(none.status(), none.headers().location);
      if (rule.access === "public" ? refusedWithout : !refusedWithout)
        problems.push(`${route} (${url}) without a session: ${none.status()} ${none.headers().location ?? ""}`);
      if (rule.access === "public") continue;
      for (const role of ROLES) {
        const response = await requests[role].get(url, { maxRedirects: 0 });
        const isAllowed = RANK[role] >= RANK[rule.access];
        const status = response.status();
        if (isAllowed && status !== 200) problems.push(`${route} (${url}) as ${role}: ${status}, expected 200`);
        if (!isAllowed && ![403, 404].includes(status)) problems.push(`${route} (${url}) as ${role}: ${status}, expected 403 or 404`);
      }
    }
    expect(problems).toEqual([]);
    await anonymous.dispose();
  });

  test("[ROUTES]: every server action, forms included, is refused without a session and to each role below its own, and writes nothing", async ({
    browser,
    db,
    playwright,
  }) => {
    test.setTimeout(240_000);
    const stamp = Date.now();
    const viewerEmail = `action-viewer-${stamp}@example.com`;
    const analystEmail = `action-analyst-${stamp}@example.com`;
    const targetEmail = `action-target-${stamp}@example.com`;
    addUser(viewerEmail, "viewer", { all: true }, "action-viewer-password");
    addUser(analystEmail, "analyst", { all: true }, "action-analyst-password");
    addUser(targetEmail, "viewer", [], "action-target-password");
    const base = await findIds(db);
    // A failing item whose evidence cites a finding: what the item page's and the explorer's accept forms act on.
    const cited = (
      await db.query<{ account_id: string; item_id: string; source_id: string }>(
        `SELECT c.account_id, c.item_id, f.source_id FROM checklist_results c
         JOIN accounts a ON a.id = c.account_id AND a.status <> 'data_only'
         JOIN findings f ON f.account_id = c.account_id AND c.evidence->'refs' @> jsonb_build_array(jsonb_build_object('id', f.source_id))
         WHERE c.status IN ('fail', 'partial') ORDER BY c.account_id, c.item_id, f.source_id LIMIT 1`,
      )
    ).rows[0];
    expect(cited, "a failing item citing a finding").toBeDefined();
    base.accountId = cited!.account_id;
    // Rows for the revoke and delete actions to act on, made here and removed at the end.
    const acceptanceId = (
      await db.query<{ id: string }>(
        `INSERT INTO risk_acceptances (account_id, item_id, reason, owner, expires_at, created_by)
         VALUES ($1, $2, 'route test: must survive refused revokes', 'route-test', now() + interval '7 days', 'route-test') RETURNING id::text AS id`,
        [cited!.account_id, cited!.item_id],
      )
    ).rows[0]!.id;
    const mappingId = (
      await db.query<{ id: string }>(
        `INSERT INTO sso_group_mappings (group_name, role, all_accounts, account_scope, created_by)
         VALUES ($1, 'viewer', false, '{}', 'route-test') RETURNING id::text AS id`,
        [`route-test-${stamp}`],
      )
    ).rows[0]!.id;
    const ids: ActionIds = {
      ...base,
      targetUserId: (await db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [targetEmail])).rows[0]!.id,
      failingItemId: cited!.item_id,
      citedFindingId: cited!.source_id,
      acceptanceId,
      mappingId,
    };
    const anonymous = await playwright.request.newContext({ baseURL: process.env.PARAPET_E2E_BASE_URL });
    const requests = {
      viewer: await signedInRequest(browser, viewerEmail, "action-viewer-password"),
      analyst: await signedInRequest(browser, analystEmail, "action-analyst-password"),
    };
    const auditBefore = (await db.query<{ id: string }>("SELECT coalesce(max(id), 0)::text AS id FROM audit_log")).rows[0]!.id;
    const manifest = readManifest<{ node: Record<string, { filename: string; exportedName: string }> }>(
      "server-reference-manifest.json",
    ).node;
    const problems: string[] = [];
    const checked = new Set<string>();
    for (const [actionId, entry] of Object.entries(manifest)) {
      const key = `${entry.filename}#${entry.exportedName}`;
      const rule = ACTIONS[key];
      if (!rule) continue;
      const before = rule.written ? JSON.stringify(await rule.written(db, ids)) : null;
      const changed = async (who: string) => {
        if (rule.written && JSON.stringify(await rule.written(db, ids)) !== before) problems.push(`${key} as ${who}: the database changed`);
      };
      const none = await callAction(anonymous, rule.page, actionId, rule.args(ids));
      if (!isRefusedWithoutSession(none.status(), none.headers().location)) problems.push(`${key} without a session: ${none.status()}`);
      await changed("no session");
      for (const role of ["viewer", "analyst"] as const) {
        if (RANK[role] >= RANK[rule.access]) continue;
        const response = await callAction(requests[role], rule.page, actionId, rule.args(ids));
        const body = await response.text();
        // A refusal by throwing reaches the client as an error row with only a digest: a weaker check, backed by `written`.
        const isRefused =
          rule.refusal === "throws"
            ? response.status() === 500 || (response.status() === 200 && /^1:E\{"digest"/m.test(body))
            : response.status() === 200 && rule.refusal.test(body);
        if (!isRefused) problems.push(`${key} as ${role}: ${response.status()} ${body.slice(0, 300)}`);
        await changed(role);
        checked.add(key);
      }
    }
    // The refused callers left no trace but their sign-ins: every mutation audits, so an audited change would show here.
    const audited = await db.query<{ actor_email: string; action: string }>(
      "SELECT actor_email, action FROM audit_log WHERE id > $1 AND actor_email = ANY($2) AND action NOT LIKE 'auth.%' ORDER BY id",
      [auditBefore, [viewerEmail, analystEmail]],
    );
    await db.query("DELETE FROM risk_acceptances WHERE id = $1", [acceptanceId]);
    await db.query("DELETE FROM sso_group_mappings WHERE id = $1", [mappingId]);
    await anonymous.dispose();
    expect(problems).toEqual([]);
    expect(audited.rows).toEqual([]);
    // Every action with a role above viewer was posted by each role below it, forms with their fields (none skipped).
    expect([...checked].sort()).toEqual(
      Object.entries(ACTIONS)
        .filter(
          ([key, rule]) =>
            rule.access !== "viewer" && Object.values(manifest).some((entry) => `${entry.filename}#${entry.exportedName}` === key),
        )
        .map(([key]) => key)
        .sort(),
    );
    expect(
      [...checked].filter((key) => takesForm(ACTIONS[key]!.args(ids))).length,
      "form-taking actions role-checked",
    ).toBeGreaterThanOrEqual(12);
  });
});
