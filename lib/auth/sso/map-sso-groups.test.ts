import { describe, expect, test } from "vitest";
import { mapSsoGroups, readGroupsClaim, type SsoMapping } from "@/lib/auth/sso/map-sso-groups";

const mappings: SsoMapping[] = [
  { groupName: "parapet-admins", role: "admin", allAccounts: false, accountScope: [] },
  { groupName: "sec-prod", role: "analyst", allAccounts: false, accountScope: ["111111111111", "222222222222"] },
  { groupName: "sec-dev", role: "viewer", allAccounts: false, accountScope: ["333333333333", "111111111111"] },
  { groupName: "auditors", role: "viewer", allAccounts: true, accountScope: [] },
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
      matchedGroups: ["sec-dev", "sec-prod"],
    });
    expect(mapSsoGroups(["sec-dev"], mappings)).toMatchObject({ role: "viewer", accountScope: ["111111111111", "333333333333"] });
  });

  test("admins and all-account groups see everything", () => {
    expect(mapSsoGroups(["parapet-admins"], mappings)).toEqual({
      role: "admin",
      allAccounts: true,
      accountScope: [],
      matchedGroups: ["parapet-admins"],
    });
    expect(mapSsoGroups(["auditors", "sec-dev"], mappings)).toMatchObject({ role: "viewer", allAccounts: true, accountScope: [] });
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
