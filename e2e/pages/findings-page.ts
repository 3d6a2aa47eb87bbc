import type { Locator, Page } from "@playwright/test";

export class FindingsPage {
  readonly table: Locator;
  readonly count: Locator;
  readonly exportLink: Locator;
  readonly nextLink: Locator;
  readonly previousLink: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId("findings-table");
    this.count = page.getByTestId("findings-count");
    this.exportLink = page.getByTestId("findings-export");
    this.nextLink = page.getByTestId("findings-next");
    this.previousLink = page.getByTestId("findings-previous");
  }

  async goto(query: Record<string, string> = {}) {
    const search = new URLSearchParams(query).toString();
    await this.page.goto(`/findings${search ? `?${search}` : ""}`);
  }

  rows(): Locator {
    return this.table.locator("tbody tr");
  }

  async shownCount(): Promise<number> {
    return Number((await this.count.innerText()).replace(/[^\d]/g, ""));
  }

  async rowIds(): Promise<string[]> {
    return this.rows().evaluateAll((rows) => rows.map((row) => row.getAttribute("data-finding-id") ?? ""));
  }
}
