import { describe, expect, test } from "vitest";

import { roundToTenth } from "./round-to-tenth";

describe("roundToTenth", () => {
  test("rounds half up despite binary noise", () => {
    expect(roundToTenth(66.65)).toBe(66.7); // 66.65 is stored as 66.6499999…
    expect(roundToTenth(1.005 * 10)).toBe(10.1); // 10.049999… in binary
    expect(roundToTenth(100 / 3)).toBe(33.3);
    expect(roundToTenth(0)).toBe(0);
    expect(roundToTenth(100)).toBe(100);
  });
});
