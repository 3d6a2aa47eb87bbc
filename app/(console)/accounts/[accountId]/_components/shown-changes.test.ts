import { describe, expect, test } from "vitest";
import { CHANGES_SHOWN, pickShownChanges } from "./shown-changes";

describe("pickShownChanges", () => {
  const changes = Array.from({ length: 42 }, (_, index) => `change-${index}`);

  test("keeps the first ten of the diff's order (largest impact first) and counts the rest", () => {
    expect(CHANGES_SHOWN).toBe(10);
    const { shown, hidden } = pickShownChanges(changes, false);
    expect(shown).toEqual(changes.slice(0, 10));
    expect(hidden).toBe(32);
  });

  test("shows every change when asked, and ten or fewer are never cut", () => {
    expect(pickShownChanges(changes, true)).toEqual({ shown: changes, hidden: 0 });
    expect(pickShownChanges(changes.slice(0, 10), false)).toEqual({ shown: changes.slice(0, 10), hidden: 0 });
    expect(pickShownChanges([], false)).toEqual({ shown: [], hidden: 0 });
  });
});
