import { describe, expect, test } from "vitest";
import { neutraliseCell } from "@/lib/csv/neutralise-cell";

describe("neutraliseCell", () => {
  test.each(["=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd", '=HYPERLINK("http://x")'])(
    "prefixes a formula trigger with a quote: %j",
    (value) => {
      expect(neutraliseCell(value)).toBe(`'${value}`);
    },
  );

  test("leaves ordinary text, inner triggers and numbers alone", () => {
    expect(neutraliseCell("S3 bucket is public")).toBe("S3 bucket is public");
    expect(neutraliseCell("a=b")).toBe("a=b");
    expect(neutraliseCell(42)).toBe("42");
    expect(neutraliseCell(8.5)).toBe("8.5");
  });

  test("turns null and undefined into an empty cell and dates into ISO 8601", () => {
    expect(neutraliseCell(null)).toBe("");
    expect(neutraliseCell(undefined)).toBe("");
    expect(neutraliseCell(new Date("2026-01-02T03:04:05.000Z"))).toBe("2026-01-02T03:04:05.000Z");
  });

  test("neutralises a negative number, which a spreadsheet would otherwise evaluate", () => {
    expect(neutraliseCell(-3)).toBe("'-3");
  });

  test("keeps an empty string empty", () => {
    expect(neutraliseCell("")).toBe("");
  });
});
