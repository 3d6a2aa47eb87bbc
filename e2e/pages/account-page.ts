import type { Locator, Page } from "@playwright/test";

/** The account drill-down: account page -> checklist item -> evidence -> raw record. */
export class AccountPage {
  readonly score: Locator;
  readonly riskAdjustedScore: Locator;
  readonly coverage: Locator;
  readonly fixFirst: Locator;
  readonly evidenceRows: Locator;
  readonly rawJson: Locator;
  readonly acceptanceForm: Locator;
  readonly acceptances: Locator;

  constructor(private readonly page: Page) {
    this.score = page.getByTestId("account-score");
    this.riskAdjustedScore = page.getByTestId("account-risk-adjusted-score");
    this.coverage = page.getByTestId("account-coverage");
    this.fixFirst = page.getByTestId("fix-first");
    this.evidenceRows = page.getByTestId("evidence-row");
    this.rawJson = page.getByTestId("raw-json");
    this.acceptanceForm = page.getByTestId("acceptance-form");
    this.acceptances = page.getByTestId("acceptances");
  }

  async goto(accountId: string) {
    return this.page.goto(`/accounts/${accountId}`);
  }

  async gotoItem(accountId: string, itemId: string) {
    return this.page.goto(`/accounts/${accountId}/items/${encodeURIComponent(itemId)}`);
  }

  /** The item's row in the "Checklist items" section of the account page. */
  itemRow(itemId: string): Locator {
    return this.page.getByTestId("items-by-domain").locator(`tr[data-item-id="${itemId}"]`);
  }

  async openItem(itemId: string) {
    await this.itemRow(itemId).getByRole("link", { name: itemId, exact: true }).click();
  }

  itemResultStatus(): Locator {
    return this.page.getByTestId("item-result").getByTestId("item-status").first();
  }

  async openRawRecord(recordId: string) {
    await this.page.locator(`[data-testid="evidence-row"][data-record-id="${recordId}"]`).getByTestId("raw-record-link").click();
  }

  async acceptRisk({ reason, owner, expiresOn, findingId }: { reason: string; owner?: string; expiresOn?: string; findingId?: string }) {
    const form = this.acceptanceForm;
    if (findingId) await form.getByLabel("What is accepted").selectOption(findingId);
    await form.getByLabel("Reason").fill(reason);
    if (owner) await form.getByLabel("Risk owner").fill(owner);
    if (expiresOn) await form.getByLabel(/Expires on/).fill(expiresOn);
    await form.getByRole("button", { name: "Accept risk" }).click();
  }

  async revokeFirstActiveAcceptance() {
    await this.acceptances.getByRole("button", { name: "Revoke" }).first().click();
  }
}
