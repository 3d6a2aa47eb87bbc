import { describe, expect, test } from "vitest";
import { mapSsoGroups, readGroupsClaim, type SsoMapping } from "@/lib/auth/sso/map-sso-groups";

const none = { scopeTags: [], scopeOus: [] };
const mappings: SsoMapping[] = [
  { groupName: "parapet-admins", role: "admin", allAccounts: false, accountScope: [], ...none },
  { groupName: "sec-prod", role: "analyst", allAccounts: false, accountScope: ["111111111111", "222222222222"], ...none },
  { groupName: "sec-dev", role: "viewer", allAccounts: false, accountScope: ["333333333333", "111111111111"], ...none },
  { groupName: "auditors", role: "viewer", allAccounts: true, accountScope: [], ...none },
  {
    groupName: "prod-by-tag",
    role: "viewer",
    allAccounts: false,
    accountScope: [],
    scopeTags: [
      { key: "env", value: "prod" },
      { key: "team", value: "payments" },
    ],
    scopeOus: ["ou-ab12-11111111"],
  },
  {
    groupName: "payments-ou",
    role: "analyst",
    allAccounts: false,
    accountScope: ["222222222222"],
    scopeTags: [
      { key: "team", value: "payments" },
      { key: "env", value: "Prod" },
    ],
    scopeOus: ["ou-ab12-22222222", "ou-ab12-11111111"],
  },
];

describe("mapSsoGroups", () => {
  test("no mapped group is no access, whatever other groups the user has", () => {
    expect(mapSsoGroups([], mappings)).toBeNull();
    expect(mapSsoGroups(["everyone", "Parapet-Admins"], mappings)).toBeNull();
  });

  test("the highest role, and the union of the groups' accounts", () => {
    expect(mapSsoGroups(["sec-dev", "sec-prod", "everyone"], mappings)).toEqual({
      role: "analyst",
      allAccounts: false,
      accountScope: ["111111111111", "222222222222", "333333333333"],
      scopeTags: [],
      scopeOus: [],
      matchedGroups: ["sec-dev", "sec-prod"],
    });
    expect(mapSsoGroups(["sec-dev"], mappings)).toMatchObject({ role: "viewer", accountScope: ["111111111111", "333333333333"] });
  });

  test("admins and all-account groups see everything", () => {
    expect(mapSsoGroups(["parapet-admins"], mappings)).toEqual({
      role: "admin",
      allAccounts: true,
      accountScope: [],
      scopeTags: [],
      scopeOus: [],
      matchedGroups: ["parapet-admins"],
    });
    expect(mapSsoGroups(["auditors", "sec-dev"], mappings)).toMatchObject({ role: "viewer", allAccounts: true, accountScope: [] });
    // An all-accounts group wins over tag and OU groups: nothing narrower is kept beside "all".
    expect(mapSsoGroups(["auditors", "prod-by-tag"], mappings)).toEqual({
      role: "viewer",
      allAccounts: true,
      accountScope: [],
      scopeTags: [],
      scopeOus: [],
      matchedGroups: ["auditors", "prod-by-tag"],
    });
  });

  test("tags, OUs and ids are each the union of the groups' (tag values compared exactly, duplicates once)", () => {
    expect(mapSsoGroups(["prod-by-tag", "payments-ou", "sec-dev"], mappings)).toEqual({
      role: "analyst",
      allAccounts: false,
      accountScope: ["111111111111", "222222222222", "333333333333"],
      // "Prod" is not "prod": AWS tag values are case-sensitive, and so is the scope helper.
      scopeTags: [
        { key: "env", value: "Prod" },
        { key: "env", value: "prod" },
        { key: "team", value: "payments" },
      ],
      scopeOus: ["ou-ab12-11111111", "ou-ab12-22222222"],
      matchedGroups: ["payments-ou", "prod-by-tag", "sec-dev"],
    });
    expect(mapSsoGroups(["prod-by-tag"], mappings)).toEqual({
      role: "viewer",
      allAccounts: false,
      accountScope: [],
      scopeTags: [
        { key: "env", value: "prod" },
        { key: "team", value: "payments" },
      ],
      scopeOus: ["ou-ab12-11111111"],
      matchedGroups: ["prod-by-tag"],
    });
  });
});

describe("readGroupsClaim", () => {
  test("a list, a single string, a URL-named claim and a dotted path", () => {
    expect(readGroupsClaim({ groups: ["a", "b", 3, ""] }, "groups")).toEqual(["a", "b"]);
    expect(readGroupsClaim({ roles: "Parapet.Admin" }, "roles")).toEqual(["Parapet.Admin"]);
    expect(readGroupsClaim({ "https://example.com/groups": ["x"] }, "https://example.com/groups")).toEqual(["x"]);
    expect(readGroupsClaim({ realm_access: { roles: ["parapet-viewer"] } }, "realm_access.roles")).toEqual(["parapet-viewer"]);
    expect(readGroupsClaim({}, "groups")).toEqual([]);
    expect(readGroupsClaim({ groups: { not: "a list" } }, "groups")).toEqual([]);
  });
});
