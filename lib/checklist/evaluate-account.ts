import type { AccountEvidence } from "./evidence";
import { evaluateItem } from "./evaluate-item";
import { CHECKLIST_ITEMS } from "./items";
import type { ChecklistItem, ItemResult } from "./types";

/** Every checklist item against one account, in checklist order. */
export function evaluateAccount(evidence: AccountEvidence, items: readonly ChecklistItem[] = CHECKLIST_ITEMS): ItemResult[] {
  return items.map((item) => evaluateItem(item, evidence));
}
