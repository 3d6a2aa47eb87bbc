import type { AccountEvidence } from "./evidence";
import { evaluateItem } from "./evaluate-item";
import { CHECKLIST_ITEMS } from "./items";
import { markStaleSources } from "./mark-stale-sources";
import type { ChecklistItem, ItemResult } from "./types";

/**
 * Every checklist item against one account, in checklist order. The freshness rule is
 * applied first, so no caller can evaluate stale evidence as current.
 */
export function evaluateAccount(evidence: AccountEvidence, items: readonly ChecklistItem[] = CHECKLIST_ITEMS): ItemResult[] {
  const fresh = markStaleSources(evidence);
  return items.map((item) => evaluateItem(item, fresh));
}
