import { describe, expect, test } from "vitest";
import { zPageNumberParam } from "./page-number-param";

describe("zPageNumberParam", () => {
  const schema = zPageNumberParam();
  test("absent or blank is page 0; digits are the page", () => {
    expect(schema.parse(undefined)).toBe(0);
    expect(schema.parse(" ")).toBe(0);
    expect(schema.parse("7")).toBe(7);
    expect(schema.parse("100000")).toBe(100_000);
  });
  test("anything else is refused with a message", () => {
    for (const bad of ["-1", "1.5", "x", "1e3", "100001", "1234567"]) {
      const result = schema.safeParse(bad);
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]?.message, bad).toMatch(/^must be (a page number from 0|at most 100000)$/);
    }
  });
});
