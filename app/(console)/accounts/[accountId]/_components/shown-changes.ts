/** Moved items shown before "Show all": the largest movers, which explain the score's change. */
export const CHANGES_SHOWN = 10;

/**
 * The moved items the account page lists: all of them when asked (`?changes=all`), else the
 * first CHANGES_SHOWN of the diff's order (largest score impact first, see diffSnapshots),
 * and how many are left out. A new checklist version moves every item at once, and 40 rows
 * of "added to checklist" buried the two that moved the score.
 */
export function pickShownChanges<T>(changes: readonly T[], showAll: boolean): { shown: T[]; hidden: number } {
  if (showAll || changes.length <= CHANGES_SHOWN) return { shown: [...changes], hidden: 0 };
  return { shown: changes.slice(0, CHANGES_SHOWN), hidden: changes.length - CHANGES_SHOWN };
}
