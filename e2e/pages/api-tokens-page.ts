import type { Locator, Page } from "@playwright/test";

export class ApiTokensPage {
  readonly form: Locator;
  readonly newToken: Locator;
  readonly table: Locator;

  constructor(private readonly page: Page) {
    this.form = page.getByTestId("create-token-form");
    this.newToken = page.getByTestId("new-token-value");
    this.table = page.getByTestId("api-tokens");
  }

  async goto() {
    await this.page.goto("/settings/tokens");
  }

  /** Makes a token through the form and returns the text shown once. */
  async create(name: string, days: string): Promise<string> {
    await this.form.getByLabel("Name (what uses it)").fill(name);
    await this.form.getByLabel("Expires after").selectOption(days);
    await this.form.getByRole("button", { name: "Create token" }).click();
    await this.newToken.waitFor();
    return (await this.newToken.innerText()).trim();
  }

  async revoke(name: string) {
    await this.table.getByRole("button", { name: `Revoke ${name}` }).click();
    await this.table.getByRole("button", { name: `Revoke ${name}` }).waitFor({ state: "detached" });
  }
}
