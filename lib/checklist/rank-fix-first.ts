import { compareText } from "./compare-text";
import { computeItemCredit } from "./compute-item-credit";
import { roundToTenth } from "./round-to-tenth";
import type { AccountScore, Domain, ItemStatus, Severity } from "./types";

export interface FixFirstEntry {
  accountId: string;
  itemId: string;
  domain: Domain;
  severity: Severity;
  status: ItemStatus;
  passing?: number;
  total?: number;
  /** Points the account's risk-adjusted score gains if this item passes, 1 decimal. */
  uplift: number;
  /** Unrounded uplift, for exact org roll-up and sorting. */
  exactUplift: number;
}

/**
 * The account's failing and partial items ranked by the score they would add if fixed:
 *
 *   uplift = 100 * weight * (1 - credit) / weightWithData
 *
 * exact, because fixing an item that already has data leaves the denominator alone.
 * Ranked on the risk-adjusted view, so accepted risks are not asked for again until they
 * expire. no_data items are not listed: their "fix" is collecting evidence, which coverage
 * shows. Ties: heavier weight first, then item id.
 */
export function rankFixFirst(account: AccountScore): FixFirstEntry[] {
  if (account.weightWithData === 0) return [];
  const entries: FixFirstEntry[] = [];
  for (const item of account.items) {
    const adjusted = item.riskAdjusted;
    if (adjusted.status !== "fail" && adjusted.status !== "partial") continue;
    const credit = computeItemCredit(adjusted) ?? 0;
    const exactUplift = (100 * item.weight * (1 - credit)) / account.weightWithData;
    const entry: FixFirstEntry = {
      accountId: account.accountId,
      itemId: item.itemId,
      domain: item.domain,
      severity: item.severity,
      status: adjusted.status,
      uplift: roundToTenth(exactUplift),
      exactUplift,
    };
    if (adjusted.passing !== undefined) entry.passing = adjusted.passing;
    if (adjusted.total !== undefined) entry.total = adjusted.total;
    entries.push(entry);
  }
  const weightOf = new Map(account.items.map((item) => [item.itemId, item.weight]));
  return entries.sort(
    (a, b) =>
      Math.round((b.exactUplift - a.exactUplift) * 1e9) ||
      (weightOf.get(b.itemId) ?? 0) - (weightOf.get(a.itemId) ?? 0) ||
      compareText(a.itemId, b.itemId),
  );
}
