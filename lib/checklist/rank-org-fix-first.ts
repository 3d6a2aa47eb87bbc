import { compareText } from "./compare-text";
import { rankFixFirst } from "./rank-fix-first";
import { roundToTenth } from "./round-to-tenth";
import { type AccountScore, type Domain, type Severity, SEVERITY_WEIGHT } from "./types";

export interface OrgFixFirstEntry {
  itemId: string;
  domain: Domain;
  severity: Severity;
  /** Points the org risk-adjusted score gains if the item passes in every account, 1 decimal. */
  uplift: number;
  /** Accounts where the item fails or is partial, biggest account uplift first. */
  accounts: Array<{ accountId: string; uplift: number }>;
}

/**
 * Org-wide "fix first": for each item, the org score it would add if fixed everywhere.
 * The org score is pooled (roll-up-org-score.ts), so the gain is
 *
 *   uplift = 100 * Σ_accounts weight * (1 - credit) / Σ_accounts weightWithData
 *
 * Ties: heavier weight, then item id; accounts inside an entry by uplift then account id.
 */
export function rankOrgFixFirst(accounts: readonly AccountScore[]): OrgFixFirstEntry[] {
  const totalWeightWithData = accounts.reduce((sum, account) => sum + account.weightWithData, 0);
  if (totalWeightWithData === 0) return [];
  const byItem = new Map<
    string,
    { entry: Omit<OrgFixFirstEntry, "uplift">; lost: number; perAccount: Array<{ accountId: string; exact: number }> }
  >();
  for (const account of accounts) {
    for (const fix of rankFixFirst(account)) {
      // Convert the account-relative uplift back to lost weight so accounts can be pooled.
      const lost = (fix.exactUplift * account.weightWithData) / 100;
      const current = byItem.get(fix.itemId) ?? {
        entry: { itemId: fix.itemId, domain: fix.domain, severity: fix.severity, accounts: [] },
        lost: 0,
        perAccount: [],
      };
      current.lost += lost;
      current.perAccount.push({ accountId: fix.accountId, exact: fix.exactUplift });
      byItem.set(fix.itemId, current);
    }
  }
  const ranked = [...byItem.values()].map(({ entry, lost, perAccount }) => ({
    exact: (100 * lost) / totalWeightWithData,
    entry: {
      ...entry,
      uplift: roundToTenth((100 * lost) / totalWeightWithData),
      accounts: perAccount
        .sort((a, b) => Math.round((b.exact - a.exact) * 1e9) || compareText(a.accountId, b.accountId))
        .map(({ accountId, exact }) => ({ accountId, uplift: roundToTenth(exact) })),
    },
  }));
  return ranked
    .sort(
      (a, b) =>
        Math.round((b.exact - a.exact) * 1e9) ||
        SEVERITY_WEIGHT[b.entry.severity] - SEVERITY_WEIGHT[a.entry.severity] ||
        compareText(a.entry.itemId, b.entry.itemId),
    )
    .map(({ entry }) => entry);
}
