import { expect, test } from "./fixtures";
import { addUser } from "./fixtures/users";
import { ApiTokensPage } from "./pages/api-tokens-page";
import { SignInPage } from "./pages/sign-in-page";

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const DEFAULT_CONDITIONS =
  "status = 'active' AND linked_guardduty_id IS NULL AND (compliance_status IS NULL OR compliance_status <> 'PASSED')";

test.describe("[API]", () => {
  test("[API]: a viewer's token made in the console reads only their accounts, pages through findings, is audited, and dies at once when revoked", async ({
    page,
    db,
    request,
  }) => {
    const accounts = await db.query<{ id: string }>("SELECT id FROM accounts WHERE status <> 'data_only' ORDER BY id");
    const [first, second, outside] = accounts.rows.map((row) => row.id) as [string, string, string];
    const email = `api-viewer-${Date.now()}@example.com`;
    addUser(email, "viewer", [first, second], "viewer-password-123");
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(email, "viewer-password-123");
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

    const tokens = new ApiTokensPage(page);
    await tokens.goto();
    const name = `e2e pipeline ${Date.now()}`;
    const token = await tokens.create(name, "30");
    expect(token).toMatch(/^parapet_[A-Za-z0-9_-]{43}$/);
    const stored = await db.query<{ token_hash: string; expires_in_days: number }>(
      "SELECT token_hash, round(extract(epoch FROM expires_at - created_at) / 86400)::int AS expires_in_days FROM api_tokens WHERE name = $1",
      [name],
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.expires_in_days).toBe(30);
    expect(stored.rows[0]!.token_hash).not.toContain(token);
    await page.reload();
    await expect(page.getByTestId("new-token-value")).toHaveCount(0); // shown once
    await expect(tokens.table).toContainText(name);

    // Accounts: exactly the viewer's two.
    const accountsResponse = await request.get("/api/v1/accounts", { headers: bearer(token) });
    expect(accountsResponse.status()).toBe(200);
    expect(((await accountsResponse.json()) as { data: Array<{ id: string }> }).data.map((row) => row.id).sort()).toEqual([first, second]);

    // Findings: following `next` reads every in-scope finding exactly once; another account's are not there.
    const expected = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM findings WHERE account_id = ANY($1) AND ${DEFAULT_CONDITIONS}`,
      [[first, second]],
    );
    const seen = new Set<string>();
    let next: string | null = null;
    let pages = 0;
    do {
      const response = await request.get(`/api/v1/findings?limit=200${next ? `&after=${next}` : ""}`, { headers: bearer(token) });
      expect(response.status()).toBe(200);
      const body = (await response.json()) as { data: Array<{ id: string; accountId: string }>; next: string | null };
      for (const row of body.data) {
        expect([first, second]).toContain(row.accountId);
        expect(seen.has(row.id)).toBe(false);
        seen.add(row.id);
      }
      next = body.next;
      pages += 1;
    } while (next && pages < 100);
    expect(seen.size).toBe(expected.rows[0]!.n);
    const guessed = await request.get(`/api/v1/findings?account=${outside}&status=all`, { headers: bearer(token) });
    expect(((await guessed.json()) as { data: unknown[] }).data).toEqual([]);
    expect((await request.get(`/api/v1/scores?account=${outside}`, { headers: bearer(token) })).status()).toBe(404);
    const scores = await request.get(`/api/v1/scores?account=${first}&days=7`, { headers: bearer(token) });
    expect(scores.status()).toBe(200);
    expect(((await scores.json()) as { data: Array<{ id: string; history: unknown[] }> }).data.map((row) => row.id)).toEqual([first]);

    // The export accepts the token too, within the same scope.
    const csv = await request.get(`/api/findings/export?account=${outside}`, { headers: bearer(token) });
    expect(csv.status()).toBe(200);
    expect(
      (await csv.text())
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n"),
    ).toHaveLength(1);

    // Audited: one row per request, with the token's name.
    const audited = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'api.token-use' AND actor_email = $1 AND detail->>'token' = $2",
      [email, name],
    );
    expect(audited.rows[0]!.n).toBe(1 + pages + 3 + 1);

    // Pages do not take tokens (only the read-only API does).
    const pageWithToken = await request.get("/findings", { headers: bearer(token), maxRedirects: 0 });
    expect(pageWithToken.status()).toBe(307);

    await tokens.revoke(name);
    const refused = await request.get("/api/v1/accounts", { headers: bearer(token) });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toEqual({ error: "UNAUTHENTICATED", message: "the API token is unknown, expired or revoked" });
  });

  test("[API]: an expired token, a malformed one and none at all are refused; narrowing the maker's scope applies at once", async ({
    page,
    db,
    request,
  }) => {
    const accounts = await db.query<{ id: string }>("SELECT id FROM accounts WHERE status <> 'data_only' ORDER BY id");
    const [first, second] = accounts.rows.map((row) => row.id) as [string, string];
    const email = `api-analyst-${Date.now()}@example.com`;
    addUser(email, "analyst", [first, second], "analyst-password-123");
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(email, "analyst-password-123");
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    const tokens = new ApiTokensPage(page);
    await tokens.goto();
    const name = `e2e expiring ${Date.now()}`;
    const token = await tokens.create(name, "7");

    const ids = async () =>
      ((await (await request.get("/api/v1/accounts", { headers: bearer(token) })).json()) as { data: Array<{ id: string }> }).data
        .map((row) => row.id)
        .sort();
    expect(await ids()).toEqual([first, second]);
    await db.query("UPDATE users SET account_scope = $1 WHERE email = $2", [[second], email]);
    expect(await ids()).toEqual([second]);

    await db.query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE name = $1", [name]);
    expect((await request.get("/api/v1/accounts", { headers: bearer(token) })).status()).toBe(401);
    expect((await request.get("/api/v1/accounts")).status()).toBe(401);
    expect((await request.get("/api/v1/accounts", { headers: { Authorization: "Bearer not-a-token" } })).status()).toBe(401);
    expect(
      (await request.get("/api/v1/accounts", { headers: { Authorization: `Basic ${Buffer.from("a:b").toString("base64")}` } })).status(),
    ).toBe(401);
    await tokens.goto();
    await expect(tokens.table.locator("tr", { hasText: name })).toContainText("expired");
  });

  test("[API]: bad query input is a 400 with the reason on the API and the export, and a message on the pages (issue 12, weakness 5)", async ({
    page,
    signedIn: _,
  }) => {
    const crafted = Buffer.from(JSON.stringify({ k: 1e39, i: "99999999999999999999" })).toString("base64url");
    const exportResponse = await page.request.get("/api/findings/export?q=%00");
    expect(exportResponse.status()).toBe(400);
    expect(await exportResponse.json()).toEqual({ error: "INVALID_INPUT", message: "q: must not contain control characters" });
    const exportCursor = await page.request.get(`/api/findings/export?after=${crafted}`);
    expect(exportCursor.status()).toBe(400);
    const api = await page.request.get(`/api/v1/findings?type=%00&limit=0`);
    expect(api.status()).toBe(400);
    expect(((await api.json()) as { message: string }).message).toBe(
      "type: must not contain control characters; limit: must be at least 1",
    );

    const findings = await page.goto(`/findings?after=${crafted}`);
    expect(findings?.status()).toBe(200);
    await expect(page.getByTestId("invalid-query")).toContainText("after: is not a page cursor of this list");
    await page.goto("/findings?q=%00&severity=urgent");
    await expect(page.getByTestId("invalid-query")).toContainText(
      "severity: must be one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL; q: must not contain control characters",
    );
    await page.getByRole("link", { name: "Open findings without them" }).click();
    await expect(page.getByTestId("findings-count")).toBeVisible();
    const collection = await page.goto(`/collection?after=${Buffer.from(JSON.stringify({ t: "1", i: "1" })).toString("base64url")}`);
    expect(collection?.status()).toBe(200);
    await expect(page.getByTestId("invalid-query")).toContainText("after: is not a page cursor of this list");
    // A record id with a NUL byte cannot exist: not found, not a database error.
    const account = (await page.request.get("/api/v1/accounts").then((response) => response.json())) as { data: Array<{ id: string }> };
    expect((await page.request.get(`/accounts/${account.data[0]!.id}/records/finding/a%00b`)).status()).toBe(404);
  });
});
