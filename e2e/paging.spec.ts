import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import type pg from "pg";
import { expect, test } from "./fixtures";

/**
 * The org-wide tables render one page of accounts (the render of 500 was the pages' cost):
 * sorted over the whole set first, then cut. The demo has 12 accounts, so these tests ask for
 * 5 a page (`size=5`) to see a pager at all.
 */

interface AccountFigures {
  id: string;
  name: string;
  score: number | null;
  critical: number;
}

async function accountFigures(db: pg.Client): Promise<AccountFigures[]> {
  const result = await db.query<AccountFigures>(
    `SELECT a.id, a.name,
            (SELECT score FROM score_snapshots s WHERE s.account_id = a.id ORDER BY day DESC LIMIT 1)::float8 AS score,
            (SELECT count(*)::int FROM findings f WHERE f.account_id = a.id AND f.status = 'active' AND f.linked_guardduty_id IS NULL
               AND (f.compliance_status IS NULL OR f.compliance_status <> 'PASSED') AND f.severity_label = 'CRITICAL') AS critical
     FROM accounts a WHERE a.status <> 'data_only'`,
  );
  return result.rows;
}

/** Ascending by a figure, accounts without one last, ties by name then id (the overview's order). */
function ascending(rows: AccountFigures[], value: (row: AccountFigures) => number | null): string[] {
  return [...rows]
    .sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      if (x === null || y === null) return x === null && y === null ? a.name.localeCompare(b.name) : x === null ? 1 : -1;
      return x - y || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
    })
    .map((row) => row.id);
}

const rowIds = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .first()
    .locator("tbody > tr")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-account-id")));

test.describe("[PAGING]", () => {
  test("[PAGING]: the overview's heat map and accounts table page through every account, worst first, sorted as a whole", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const rows = await accountFigures(db);
    expect(rows).toHaveLength(12);
    const worstFirst = ascending(rows, (row) => row.score);

    // Default page size (10): the 10 worst of 12, with page links.
    await page.goto("/");
    await expect(page.getByTestId("heatmap-pager-range")).toHaveText("Showing 1-10 of 12 accounts");
    await expect(page.getByTestId("accounts-pager-range")).toHaveText("Showing 1-10 of 12 accounts");
    await expect(page.getByRole("navigation", { name: "Heat map pages", exact: true }).getByRole("link", { name: "Page 2" })).toBeVisible();
    expect(await rowIds(page, "heatmap")).toEqual(worstFirst.slice(0, 10));
    expect(await rowIds(page, "accounts-table")).toEqual(worstFirst.slice(0, 10));
    // The page size in force is shown, and another can be chosen: it holds for both tables.
    const heatSizes = page.getByRole("navigation", { name: "Heat map pages: rows per page" });
    await expect(heatSizes.locator('[aria-current="true"]')).toHaveText("10");
    await heatSizes.getByRole("link", { name: "25", exact: true }).click();
    await expect(page).toHaveURL(/\/\?size=25#heatmap$/);
    await expect(page.getByTestId("heatmap-pager-range")).toHaveText("Showing 1-12 of 12 accounts");
    await expect(page.getByTestId("accounts-pager-range")).toHaveText("Showing 1-12 of 12 accounts");
    await expect(page.getByRole("navigation", { name: "Heat map pages", exact: true })).toHaveCount(0);
    expect(await rowIds(page, "heatmap")).toEqual(worstFirst);
    expect(await rowIds(page, "accounts-table")).toEqual(worstFirst);
    await expect(page.getByRole("navigation", { name: "Accounts table pages: rows per page" }).locator('[aria-current="true"]')).toHaveText(
      "25",
    );

    await page.goto("/?size=5");
    const heatPager = page.getByRole("navigation", { name: "Heat map pages", exact: true });
    await expect(page.getByTestId("heatmap-pager-range")).toHaveText("Showing 1-5 of 12 accounts");
    expect(await rowIds(page, "heatmap")).toEqual(worstFirst.slice(0, 5));
    await expect(heatPager.getByRole("link", { name: "Page 1" })).toHaveAttribute("aria-current", "page");
    await heatPager.getByRole("link", { name: "Page 3" }).click();
    await expect(page).toHaveURL(/[?&]hpage=3&size=5#heatmap$/);
    await expect(page.getByTestId("heatmap-pager-range")).toHaveText("Showing 11-12 of 12 accounts");
    expect(await rowIds(page, "heatmap")).toEqual(worstFirst.slice(10));
    await expect(heatPager.getByRole("link", { name: "Page 3" })).toHaveAttribute("aria-current", "page");
    await expect(heatPager.getByRole("link", { name: "Page 1" })).not.toHaveAttribute("aria-current", "page");
    // The accounts table keeps its own page.
    expect(await rowIds(page, "accounts-table")).toEqual(worstFirst.slice(0, 5));

    // Sorting the accounts table by critical findings starts it at page 1 of that order and leaves the heat map where it was.
    await page.getByTestId("overview-sort-critical").click();
    await expect(page).toHaveURL(/sort=critical&adir=asc/);
    await expect(page.getByRole("columnheader", { name: /Critical/ }).first()).toHaveAttribute("aria-sort", "ascending");
    const byCritical = ascending(rows, (row) => row.critical);
    expect(await rowIds(page, "accounts-table")).toEqual(byCritical.slice(0, 5));
    expect(await rowIds(page, "heatmap")).toEqual(worstFirst.slice(10));
    await page.getByRole("navigation", { name: "Accounts table pages", exact: true }).getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/apage=2/);
    await expect(page.getByTestId("accounts-pager-range")).toHaveText("Showing 6-10 of 12 accounts");
    expect(await rowIds(page, "accounts-table")).toEqual(byCritical.slice(5, 10));
    // Each shown count is the database's.
    for (const id of byCritical.slice(5, 10))
      await expect(page.getByTestId("accounts-table").locator(`tr[data-account-id="${id}"]`).getByTestId("count-critical")).toHaveText(
        String(rows.find((row) => row.id === id)!.critical),
      );

    // Malformed paging values are refused with a message naming each one (not quietly another page).
    await page.goto("/?hpage=99&size=0&apage=-1");
    await expect(page.getByTestId("invalid-query")).toContainText(
      "apage: must be a whole number of 1 or more; size: must be a whole number from 1 to 100",
    );
    await expect(page.getByRole("link", { name: "Open the overview without them" })).toHaveAttribute("href", "/");
    // A page past the end is not malformed: it shows the last page.
    await page.goto("/?hpage=99&size=5");
    await expect(page.getByTestId("heatmap-pager-range")).toHaveText("Showing 11-12 of 12 accounts");
  });

  test("[PAGING]: the accounts list pages server-side with sort and filters in the URL, and exports the whole filtered set", async ({
    page,
    db,
    signedIn: _,
  }) => {
    const rows = await accountFigures(db);
    expect(rows).toHaveLength(12);
    // The accounts list breaks score ties by id (see findAccountListPage).
    const byScore = [...rows]
      .sort((a, b) => (a.score === null ? 1 : b.score === null ? -1 : a.score - b.score || a.id.localeCompare(b.id)))
      .map((row) => row.id);

    await page.goto("/accounts?sort=score&size=5");
    const pager = page.getByRole("navigation", { name: "Accounts list pages", exact: true });
    await expect(page.getByTestId("accounts-list-pager-range")).toHaveText("Showing 1-5 of 12 accounts");
    await expect(page.getByTestId("accounts-shown")).toHaveText("12");
    expect(await rowIds(page, "accounts-table")).toEqual(byScore.slice(0, 5));
    await pager.getByRole("link", { name: "Page 3" }).click();
    await expect(page).toHaveURL(/\/accounts\?sort=score&page=3&size=5$/);
    await expect(page.getByTestId("accounts-list-pager-range")).toHaveText("Showing 11-12 of 12 accounts");
    await expect(pager.getByRole("link", { name: "Page 3" })).toHaveAttribute("aria-current", "page");
    expect(await rowIds(page, "accounts-table")).toEqual(byScore.slice(10));
    await expect(page.getByRole("columnheader", { name: /Score/ }).first()).toHaveAttribute("aria-sort", "ascending");

    // The export is the whole filtered and sorted set, not the page on screen.
    const exportLink = page.getByTestId("accounts-export");
    await expect(exportLink).toHaveAttribute("href", "/api/accounts/export?sort=score&size=5");
    const downloadPromise = page.waitForEvent("download");
    await exportLink.click();
    const lines = readFileSync((await (await downloadPromise).path())!, "utf8")
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(byScore);

    // Re-sorting starts at page 1 again, keeping the page size.
    await page.getByTestId("sort-score").click();
    await expect(page).toHaveURL(/\/accounts\?sort=score&dir=desc&size=5$/);
    await expect(page.getByTestId("accounts-list-pager-range")).toHaveText("Showing 1-5 of 12 accounts");

    // Default page size (25): everything on one page, no page links; the size in force is shown and another can be chosen.
    await page.goto("/accounts");
    await expect(page.getByTestId("accounts-list-pager-range")).toHaveText("Showing 1-12 of 12 accounts");
    await expect(pager).toHaveCount(0);
    const sizes = page.getByRole("navigation", { name: "Accounts list pages: rows per page" });
    await expect(sizes.locator('[aria-current="true"]')).toHaveText("25");
    await sizes.getByRole("link", { name: "10", exact: true }).click();
    await expect(page).toHaveURL(/\/accounts\?size=10$/);
    await expect(page.getByTestId("accounts-list-pager-range")).toHaveText("Showing 1-10 of 12 accounts");
  });

  test("[PAGING]: the accounts list's pages, walked one by one, are its CSV export's rows in the same order", async ({
    page,
    signedIn: _,
  }) => {
    // Sorts with ties and accounts without a value (change, owner), a filter, and a page past the end.
    for (const query of ["sort=change&dir=desc", "sort=owner", "status=active&sort=coverage&dir=desc"]) {
      const listed: Array<string | null> = [];
      for (let n = 1; n <= 3; n++) {
        await page.goto(`/accounts?${query}&size=5&page=${n}`);
        listed.push(...(await rowIds(page, "accounts-table")));
      }
      const shown = Number(await page.getByTestId("accounts-shown").textContent());
      expect(listed, query).toHaveLength(shown);
      await page.goto(`/accounts?${query}&size=5&page=9`);
      expect(await rowIds(page, "accounts-table"), `${query}: past the end is the last page`).toEqual(listed.slice(10));
      const response = await page.request.get(`/api/accounts/export?${query}`);
      expect(response.status()).toBe(200);
      const lines = (await response.text())
        .replace(/^\uFEFF/, "")
        .split("\r\n")
        .filter(Boolean);
      expect(
        lines.slice(1).map((line) => line.split(",")[0]),
        query,
      ).toEqual(listed);
    }
  });
});
