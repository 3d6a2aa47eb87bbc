import { describe, expect, test } from "vitest";
import { describeScope, isScopeWithin, parseScopeText, scopeKey, userReportScope } from "./report-scope";

const A = "111111111111";
const B = "222222222222";
const C = "333333333333";

describe("report scopes", () => {
  test("parse the CLI forms", () => {
    expect(parseScopeText("all")).toEqual({ all: true });
    expect(parseScopeText(`accounts:${B},${A}`)).toEqual({ all: false, accountIds: [B, A], tags: [], ouIds: [] });
    expect(parseScopeText("tag:env=prod; ou:ou-ab12-12345678")).toEqual({
      all: false,
      accountIds: [],
      tags: [{ key: "env", value: "prod" }],
      ouIds: ["ou-ab12-12345678"],
    });
    expect(() => parseScopeText("accounts:12")).toThrow(/12 digits/);
    expect(() => parseScopeText("team:x")).toThrow(/expected all/);
  });

  test("the key ignores order and duplicates", () => {
    expect(scopeKey(parseScopeText(`accounts:${B},${A},${A}`))).toBe(`accounts:${A},${B}`);
    expect(scopeKey({ all: true })).toBe("all");
  });

  test("a limited user holds only reports inside their own accounts", () => {
    const user = userReportScope({ scope: { all: false, accountIds: [A, B], tags: [], ouIds: [] } });
    expect(isScopeWithin(parseScopeText(`accounts:${A}`), user)).toBe(true);
    expect(isScopeWithin(parseScopeText(`accounts:${A},${B}`), user)).toBe(true);
    expect(isScopeWithin(parseScopeText(`accounts:${A},${C}`), user)).toBe(false);
    expect(isScopeWithin({ all: true }, user)).toBe(false);
    expect(isScopeWithin(parseScopeText("tag:env=prod"), user)).toBe(false);
    expect(isScopeWithin(parseScopeText(`accounts:${C}`), userReportScope({ scope: { all: true } }))).toBe(true);
  });

  test("descriptions for people", () => {
    expect(describeScope({ all: true })).toBe("Whole organisation");
    expect(describeScope(parseScopeText(`accounts:${A},${B}`))).toBe(`2 accounts (${A}, ${B})`);
  });
});
