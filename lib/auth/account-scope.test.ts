import { describe, expect, test } from "vitest";
import { buildUserScope, ZAccountScope } from "@/lib/auth/account-scope";

const row = {
  role: "viewer",
  allAccounts: false,
  accountScope: ["111111111111"],
  scopeTags: [{ key: "team", value: "web" }],
  scopeOus: ["ou-ab12-aaaaaaaa"],
};

describe("buildUserScope", () => {
  test("admins and all-accounts users see everything, whatever else the row says", () => {
    expect(buildUserScope({ ...row, role: "admin" })).toEqual({ all: true });
    expect(buildUserScope({ ...row, allAccounts: true })).toEqual({ all: true });
  });

  test("ids, tags and OUs come from the row", () => {
    expect(buildUserScope(row)).toEqual({
      all: false,
      accountIds: ["111111111111"],
      tags: [{ key: "team", value: "web" }],
      ouIds: ["ou-ab12-aaaaaaaa"],
    });
  });

  test("a stored tag or OU that does not validate narrows the scope, never widens it", () => {
    expect(
      buildUserScope({
        ...row,
        accountScope: null,
        scopeTags: [{ key: "team" }, "x", { key: "env", value: "prod" }],
        scopeOus: ["not-an-ou"],
      }),
    ).toEqual({
      all: false,
      accountIds: [],
      tags: [{ key: "env", value: "prod" }],
      ouIds: [],
    });
    expect(buildUserScope({ ...row, accountScope: [], scopeTags: "garbage", scopeOus: null })).toEqual({
      all: false,
      accountIds: [],
      tags: [],
      ouIds: [],
    });
  });
});

describe("ZAccountScope", () => {
  test("accepts both forms and refuses malformed ids", () => {
    expect(ZAccountScope.parse({ all: true })).toEqual({ all: true });
    expect(ZAccountScope.parse({ all: false, ouIds: ["r-ab12"] })).toEqual({ all: false, accountIds: [], tags: [], ouIds: ["r-ab12"] });
    expect(ZAccountScope.safeParse({ all: false, accountIds: ["123"] }).success).toBe(false);
    expect(ZAccountScope.safeParse({ all: false, ouIds: ["ou-x"] }).success).toBe(false);
    expect(ZAccountScope.safeParse({ all: true, accountIds: [] }).success).toBe(false);
  });
});
