import type { Locator, Page } from "@playwright/test";

export class OverviewPage {
  readonly table: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId("accounts-table");
  }

  /** The overview with 25 rows a table (10 by default), so the suites' 12 accounts are on one page. */
  async goto() {
    await this.page.goto("/?size=25");
  }

  accountRow(accountId: string): Locator {
    return this.table.locator(`tr[data-account-id="${accountId}"]`);
  }

  async cell(accountId: string, testId: string): Promise<string> {
    return (await this.accountRow(accountId).getByTestId(testId).innerText()).trim();
  }
}
