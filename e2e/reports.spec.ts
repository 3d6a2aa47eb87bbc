import { expect, test } from "./fixtures";
import { addUser } from "./fixtures/users";
import { SignInPage } from "./pages/sign-in-page";

test.describe("[REPORTS]", () => {
  test("[REPORTS]: the demo opens with last week's report: listed, page 1 previewed, PDF and CSV downloaded and audited", async ({
    page,
    db,
    signedIn,
  }) => {
    void signedIn;
    const stored = await db.query<{ id: string; week: string; trend: number }>(
      `SELECT id::text, week, (SELECT count(*) FROM jsonb_array_elements(data->'trend') p WHERE p->>'score' IS NOT NULL)::int AS trend
       FROM reports WHERE scope_key = 'all' ORDER BY id LIMIT 1`,
    );
    const report = stored.rows[0]!;
    expect(report.trend).toBeGreaterThanOrEqual(4);
    await page.getByRole("link", { name: "Reports" }).click();
    await expect(page.getByRole("heading", { name: "Reports", exact: true, level: 1 })).toBeVisible();
    await expect(page.getByTestId("report-row").filter({ hasText: report.week })).toBeVisible();
    const preview = page.getByTestId("report-preview");
    await expect(preview).toBeVisible();
    expect(await preview.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(300);

    const pdf = await page.request.get(`/api/reports/${report.id}/report.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const csv = await page.request.get(`/api/reports/${report.id}/data.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain("section,subject_id,subject_name,metric,value,detail");
    const audit = await db.query<{ action: string }>("SELECT action FROM audit_log WHERE target = $1 ORDER BY id", [`report:${report.id}`]);
    expect(audit.rows.map((row) => row.action)).toEqual(expect.arrayContaining(["report.download_pdf", "report.download_csv"]));
  });

  test("[REPORTS]: a user limited to two accounts neither sees nor downloads the org-wide report", async ({ page, db }) => {
    const accounts = await db.query<{ id: string }>("SELECT id FROM accounts WHERE status <> 'data_only' ORDER BY id LIMIT 2");
    const org = await db.query<{ id: string }>("SELECT id::text FROM reports WHERE scope_key = 'all' ORDER BY id LIMIT 1");
    const email = `report-viewer-${Date.now()}@example.com`;
    addUser(
      email,
      "viewer",
      accounts.rows.map((row) => row.id),
      "viewer-password-123",
    );
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(email, "viewer-password-123");
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await page.goto("/reports");
    await expect(page.getByText("No report yet")).toBeVisible();
    const refused = await page.request.get(`/api/reports/${org.rows[0]!.id}/report.pdf`);
    expect(refused.status()).toBe(404);
  });
});
