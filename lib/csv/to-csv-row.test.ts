import { describe, expect, test } from "vitest";
import { toCsvRow } from "@/lib/csv/to-csv-row";

describe("toCsvRow", () => {
  test("joins plain cells with commas and ends the line with CRLF", () => {
    expect(toCsvRow(["a", 1, null, "b"])).toBe("a,1,,b\r\n");
  });

  test("quotes cells with commas, quotes or line breaks and doubles inner quotes", () => {
    expect(toCsvRow(['say "hi"', "x,y", "line1\nline2"])).toBe('"say ""hi""","x,y","line1\nline2"\r\n');
  });

  test("neutralises formulas before quoting", () => {
    expect(toCsvRow(['=HYPERLINK("http://evil","click")', "@x"])).toBe(`"'=HYPERLINK(""http://evil"",""click"")",'@x\r\n`);
  });

  test("quotes a cell that starts with a carriage return after neutralising it", () => {
    expect(toCsvRow(["\rboom"])).toBe(`"'\rboom"\r\n`);
  });

  test("returns just the line ending for an empty row", () => {
    expect(toCsvRow([])).toBe("\r\n");
  });
});
