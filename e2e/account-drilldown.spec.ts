import type pg from "pg";
import { hashPassword } from "../lib/auth/password";
import { expect, test } from "./fixtures";
import { AccountPage } from "./pages/account-page";
import { OverviewPage } from "./pages/overview-page";
import { SignInPage } from "./pages/sign-in-page";

interface FailingItem {
  account_id: string;
  item_id: string;
  ref_id: string;
  ref_kind: string;
  refs: number;
}

/** A failing item whose first evidence reference is a stored record (finding, control result or CloudTrail event). */
async function findFailingItem(db: pg.Client, exclude: string[] = []): Promise<FailingItem> {
  const { rows } = await db.query<FailingItem>(
    `SELECT c.account_id, c.item_id, c.evidence->'refs'->0->>'id' AS ref_id, c.evidence->'refs'->0->>'kind' AS ref_kind,
            jsonb_array_length(c.evidence->'refs')::int AS refs
     FROM checklist_results c JOIN accounts a ON a.id = c.account_id
     WHERE a.status <> 'data_only' AND c.status = 'fail' AND c.evidence->'riskAdjusted'->>'status' = 'fail'
       AND c.evidence->'refs'->0->>'kind' IN ('control', 'finding', 'event')
       AND NOT (c.account_id = ANY($1::text[]))
     ORDER BY (c.evidence->>'weight')::int DESC, c.account_id, c.item_id LIMIT 1`,
    [exclude],
  );
  expect(rows[0], "the demo has a failing item with records as evidence").toBeDefined();
  return rows[0]!;
}

async function latestSnapshot(db: pg.Client, accountId: string) {
  const { rows } = await db.query<{ score: number | null; risk_adjusted_score: number | null }>(
    "SELECT score, risk_adjusted_score FROM score_snapshots WHERE account_id = $1 ORDER BY day DESC LIMIT 1",
    [accountId],
  );
  return rows[0]!;
}

const fixed = (value: number | null) => (value === null ? "n/a" : Number(value).toFixed(1));

test.describe("[ACCOUNTS]", () => {
  test("[ACCOUNTS]: drills down from the overview to the score, a failing item, its evidence and the raw AWS record", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const failing = await findFailingItem(db);
    const overview = new OverviewPage(page);
    const account = new AccountPage(page);

    await overview.goto();
    await overview.accountRow(failing.account_id).getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/accounts/${failing.account_id}$`));

    const snapshot = await latestSnapshot(db, failing.account_id);
    await expect(account.score).toHaveText(fixed(snapshot.score));
    await expect(account.riskAdjustedScore).toHaveText(fixed(snapshot.risk_adjusted_score));
    await expect(page.getByTestId("score-trend-chart").getByRole("application")).toBeVisible();
    await expect(account.itemRow(failing.item_id).getByTestId("item-status")).toHaveAttribute("data-status", "fail");
    await page.screenshot({ path: "test-results/e2e/account-page.png", fullPage: true });

    await account.openItem(failing.item_id);
    await expect(page).toHaveURL(new RegExp(`/accounts/${failing.account_id}/items/${failing.item_id}$`));
    await expect(page).toHaveTitle(`${failing.item_id} in account ${failing.account_id} · Parapet`);
    await expect(account.itemResultStatus()).toHaveAttribute("data-status", "fail");
    if (failing.refs > 10) {
      // Many records are grouped: the group counts add up to every reference; ungrouped, page 1 lists them in order.
      const counts = (await page.getByTestId("group-count").allInnerTexts()).map(Number);
      if ((await page.getByTestId("evidence-pager").count()) === 0) expect(counts.reduce((sum, n) => sum + n, 0)).toBe(failing.refs);
      await page.getByTestId("evidence-grouping").getByRole("link", { name: "not grouped" }).click();
      await expect(page).toHaveURL(/group=none/);
    }
    await expect(account.evidenceRows).toHaveCount(Math.min(failing.refs, 50));
    await expect(account.evidenceRows.first()).toHaveAttribute("data-record-id", failing.ref_id);
    await page.screenshot({ path: "test-results/e2e/account-item-page.png", fullPage: true });

    await account.openRawRecord(failing.ref_id);
    await expect(page).toHaveURL(new RegExp(`/accounts/${failing.account_id}/records/(finding|event)/`));
    await expect(account.rawJson).toContainText(failing.ref_id);
    const raw = JSON.parse(await account.rawJson.innerText()) as Record<string, unknown>;
    expect(JSON.stringify(raw)).toContain(failing.ref_id);
    await page.screenshot({ path: "test-results/e2e/account-raw-record.png", fullPage: true });
  });

  test("[ACCOUNTS]: the demo's first run leaves a week of daily snapshots, and 'what changed' explains the last move", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const perAccount = await db.query<{ account_id: string; days: number; older: number }>(
      `SELECT a.id AS account_id,
              count(s.day) FILTER (WHERE s.day >= (SELECT max(day) FROM score_snapshots) - 8)::int AS days,
              count(s.day) FILTER (WHERE s.day < (SELECT max(day) FROM score_snapshots) - 8)::int AS older
       FROM accounts a LEFT JOIN score_snapshots s ON s.account_id = a.id
       WHERE a.status <> 'data_only' GROUP BY a.id`,
    );
    expect(perAccount.rows).toHaveLength(12);
    for (const row of perAccount.rows) {
      // 7 simulated days back + today; one more if the half-hourly sweep already scored a new UTC day.
      expect(row.days, `snapshots of ${row.account_id}`).toBeGreaterThanOrEqual(8);
      expect(row.days, `snapshots of ${row.account_id}`).toBeLessThanOrEqual(9);
      // Before those, one snapshot per simulated week (PARAPET_DEMO_HISTORY_WEEKS = 3) for the weekly report's trend.
      expect(row.older, `weekly snapshots of ${row.account_id}`).toBe(3);
    }

    // The account whose score moved most between its two latest snapshots.
    const moved = await db.query<{ account_id: string; latest: number; previous: number }>(
      `SELECT account_id, (array_agg(score ORDER BY day DESC))[1] AS latest, (array_agg(score ORDER BY day DESC))[2] AS previous
       FROM score_snapshots GROUP BY account_id
       ORDER BY abs((array_agg(score ORDER BY day DESC))[1] - (array_agg(score ORDER BY day DESC))[2]) DESC NULLS LAST, account_id LIMIT 1`,
    );
    const { account_id: accountId, latest, previous } = moved.rows[0]!;
    const delta = Number(latest) - Number(previous);
    expect(Math.abs(delta), "the simulated week moves some score").toBeGreaterThan(0);

    await page.goto(`/accounts/${accountId}`);
    const changes = page.getByTestId("score-changes");
    await expect(changes).toContainText(`score ${delta > 0 ? "+" : ""}${delta.toFixed(1)}`);
    // A score that moved has at least one item that moved, with its reason.
    await expect(changes.locator("tbody tr").first()).toBeVisible();
    await expect(page.getByTestId("score-trend-chart").locator(".recharts-line-dots circle").first()).toBeVisible();
    await changes.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/e2e/account-what-changed.png" });
  });

  test("[ACCOUNTS]: an admin accepts a failing item: the risk-adjusted score rises, the raw score stays, revoking brings the failure back", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const failing = await findFailingItem(db);
    const account = new AccountPage(page);
    const before = await latestSnapshot(db, failing.account_id);
    const reason = `Compensating control in place, reviewed by e2e ${Date.now()}`;

    await account.gotoItem(failing.account_id, failing.item_id);
    await account.acceptRisk({ reason: "too short" });
    await expect(account.acceptanceForm.getByRole("alert").first()).toContainText("at least 10 characters");

    await account.acceptRisk({ reason, owner: "platform-team@example.com" });
    await expect(page.getByTestId("acceptance-ok")).toBeVisible();
    await expect(page.getByTestId("item-result").getByTestId("item-accepted")).toBeVisible();
    await expect(account.acceptances).toContainText(reason);

    const stored = await db.query<{ owner: string; expires_at: Date; created_by: string }>(
      "SELECT owner, expires_at, created_by FROM risk_acceptances WHERE account_id = $1 AND item_id = $2 AND reason = $3 AND revoked_at IS NULL",
      [failing.account_id, failing.item_id, reason],
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.owner).toBe("platform-team@example.com");
    expect(stored.rows[0]!.expires_at.getTime()).toBeGreaterThan(Date.now());
    // Expiry brings the failure back by itself: a rescoring is queued for that moment.
    const expiryJob = await db.query<{ run_at: Date; task_identifier: string }>(
      `SELECT j.run_at, j.task_identifier FROM graphile_worker.jobs j
       JOIN risk_acceptances r ON j.key = 'score-expiry:' || r.id::text
       WHERE r.account_id = $1 AND r.item_id = $2 AND r.reason = $3`,
      [failing.account_id, failing.item_id, reason],
    );
    expect(expiryJob.rows).toHaveLength(1);
    expect(expiryJob.rows[0]!.task_identifier).toBe("score-account");
    expect(expiryJob.rows[0]!.run_at.getTime()).toBeGreaterThan(stored.rows[0]!.expires_at.getTime());
    expect(expiryJob.rows[0]!.run_at.getTime()).toBeLessThan(stored.rows[0]!.expires_at.getTime() + 60_000);
    const audited = await db.query("SELECT 1 FROM audit_log WHERE action = 'risk.accept' AND target = $1 AND detail->>'reason' = $2", [
      `${failing.account_id}/${failing.item_id}`,
      reason,
    ]);
    expect(audited.rowCount).toBe(1);

    const after = await latestSnapshot(db, failing.account_id);
    expect(after.score).toBe(before.score);
    if (before.risk_adjusted_score !== null && before.risk_adjusted_score < 100)
      expect(after.risk_adjusted_score!).toBeGreaterThan(before.risk_adjusted_score);
    else expect(after.risk_adjusted_score).toBe(after.score);

    await account.goto(failing.account_id);
    await expect(account.score).toHaveText(fixed(before.score));
    await expect(account.riskAdjustedScore).toHaveText(fixed(after.risk_adjusted_score));
    await expect(account.itemRow(failing.item_id).getByTestId("item-accepted")).toBeVisible();
    await expect(account.itemRow(failing.item_id).getByTestId("item-status")).toHaveAttribute("data-status", "fail");
    await expect(account.fixFirst.locator(`tr[data-item-id="${failing.item_id}"]`)).toHaveCount(0);

    await account.gotoItem(failing.account_id, failing.item_id);
    await account.revokeFirstActiveAcceptance();
    await expect(page.getByTestId("item-result").getByTestId("item-accepted")).toHaveCount(0);
    const revoked = await latestSnapshot(db, failing.account_id);
    expect(revoked.risk_adjusted_score).toBe(before.risk_adjusted_score);
  });

  test("[ACCOUNTS]: an unknown account is a 404", async ({ page, signedIn: _ }) => {
    const response = await page.goto("/accounts/000000000000");
    expect(response?.status()).toBe(404);
    // The 404 is inside the console frame: the navigation stays.
    await expect(page.getByTestId("not-found")).toContainText("Page not found");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Findings" })).toBeVisible();
    const missing = await page.goto("/no-such-page/at-all");
    expect(missing?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" })).toBeVisible();
    await expect(page).toHaveTitle("Not found · Parapet");
  });

  test("[ACCOUNTS]: a viewer scoped to one account gets 404 for another and cannot accept risks", async ({ page, db }) => {
    const { rows } = await db.query<{ id: string }>("SELECT id FROM accounts WHERE status <> 'data_only' ORDER BY id LIMIT 2");
    const [own, other] = rows;
    const email = `e2e-viewer-${Date.now()}@parapet.local`;
    const password = "viewer-password-not-secret";
    await db.query("INSERT INTO users (email, password_hash, role, all_accounts, account_scope) VALUES ($1, $2, 'viewer', false, $3)", [
      email,
      await hashPassword(password),
      [own!.id],
    ]);
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(email, password);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();

    const account = new AccountPage(page);
    expect((await account.goto(other!.id))?.status()).toBe(404);
    expect((await account.gotoItem(other!.id, "IAM-01"))?.status()).toBe(404);
    expect((await account.goto(own!.id))?.status()).toBe(200);
    await expect(account.score).toBeVisible();
    expect((await account.gotoItem(own!.id, "IAM-01"))?.status()).toBe(200);
    await expect(account.acceptanceForm).toHaveCount(0);
    await expect(page.getByText("Only analysts and admins can accept risks.")).toBeVisible();
    await db.query("DELETE FROM users WHERE email = $1", [email]);
  });
});
