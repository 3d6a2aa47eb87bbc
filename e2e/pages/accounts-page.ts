import type { Locator, Page } from "@playwright/test";

export class AccountsPage {
  readonly table: Locator;
  readonly form: Locator;
  readonly discovery: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId("accounts-table").first();
    this.form = page.getByTestId("onboard-form").first();
    this.discovery = page.getByTestId("discovery");
  }

  async goto() {
    await this.page.goto("/accounts");
  }

  accountRow(accountId: string): Locator {
    return this.table.locator(`tr[data-account-id="${accountId}"]`);
  }

  async fillOnboarding(values: { id: string; name: string; roleArn: string; externalId: string; regions: string; owner?: string }) {
    await this.form.getByLabel("Account id").fill(values.id);
    await this.form.getByLabel("Name").fill(values.name);
    await this.form.getByLabel("Role ARN").fill(values.roleArn);
    await this.form.getByLabel("ExternalId").fill(values.externalId);
    await this.form.getByLabel("Regions").fill(values.regions);
    await this.form.getByLabel("Owner").fill(values.owner ?? "");
  }

  async submitOnboarding() {
    await this.form.getByRole("button", { name: "Add account" }).click();
  }

  async testOnboardingConnection() {
    await this.form.getByRole("button", { name: "Test connection" }).click();
  }

  fieldError(field: string): Locator {
    return this.form.getByTestId(`field-error-${field}`);
  }

  onboardResult(): Locator {
    return this.form.getByTestId("onboard-result");
  }

  async testRowConnection(accountId: string) {
    await this.accountRow(accountId).getByRole("button", { name: "Test connection" }).click();
  }

  connectionReport(scope: Locator): Locator {
    return scope.getByTestId("connection-report");
  }

  step(scope: Locator, name: string): Locator {
    return scope.locator(`[data-step="${name}"]`);
  }
}
