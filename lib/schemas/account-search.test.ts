import { describe, expect, test } from "vitest";
import { parseAccountSearch, parseFindingsAccountSearch } from "./account-search";

describe("parseFindingsAccountSearch", () => {
  test("reads the text typed without JavaScript, trimmed; blank or absent is no search", () => {
    expect(parseFindingsAccountSearch({ account_q: "  payments " })).toBe("payments");
    expect(parseFindingsAccountSearch(new URLSearchParams("account_q=prod&account_q=dev"))).toBe("prod");
    expect(parseFindingsAccountSearch({ account_q: "   " })).toBeNull();
    expect(parseFindingsAccountSearch({ account_q: "" })).toBeNull();
    expect(parseFindingsAccountSearch({ severity: "HIGH" })).toBeNull();
  });

  test("refuses what the suggestions route refuses, naming account_q", () => {
    expect(() => parseFindingsAccountSearch({ account_q: "x".repeat(101) })).toThrow("account_q: must be at most 100 characters");
    expect(() => parseFindingsAccountSearch({ account_q: "a\u0000b" })).toThrow("account_q: must not contain control characters");
    expect(() => parseAccountSearch({ q: "x".repeat(101) })).toThrow("q: must be at most 100 characters");
    expect(parseAccountSearch({})).toEqual({ q: "" });
  });
});
