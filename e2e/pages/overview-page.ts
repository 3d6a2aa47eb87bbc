import type { Locator, Page } from "@playwright/test";

export class OverviewPage {
  readonly table: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId("accounts-table");
  }

  async goto() {
    await this.page.goto("/");
  }

  accountRow(accountId: string): Locator {
    return this.table.locator(`tr[data-account-id="${accountId}"]`);
  }

  async cell(accountId: string, testId: string): Promise<string> {
    return (await this.accountRow(accountId).getByTestId(testId).innerText()).trim();
  }
}
