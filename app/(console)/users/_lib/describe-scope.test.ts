import { describe, expect, test } from "vitest";
import { describeScope } from "./describe-scope";

const none = { role: "viewer", allAccounts: false, accountScope: [], scopeTags: [], scopeOus: [] };

describe("describeScope", () => {
  test("admins and all-account scopes are all accounts, whatever else is stored", () => {
    expect(describeScope({ ...none, role: "admin", accountScope: ["111111111111"] })).toBe("all accounts");
    expect(describeScope({ ...none, allAccounts: true, scopeOus: ["r-ab12"] })).toBe("all accounts");
  });

  test("tags, then OUs, then account ids; two ids listed, three counted", () => {
    expect(
      describeScope({
        ...none,
        accountScope: ["111111111111", "222222222222", "333333333333"],
        scopeTags: [{ key: "env", value: "prod" }],
        scopeOus: ["ou-ab12-34cd56ef"],
      }),
    ).toBe("tag env=prod, OU ou-ab12-34cd56ef, 3 account ids");
    expect(describeScope({ ...none, accountScope: ["111111111111", "222222222222"] })).toBe("111111111111, 222222222222");
  });

  test("more than three tags or OUs: the first two and a count", () => {
    const tags = ["a", "b", "c", "d"].map((key) => ({ key, value: "1" }));
    expect(describeScope({ ...none, scopeTags: tags })).toBe("tag a=1, tag b=1, 2 more tags");
    expect(describeScope({ ...none, scopeOus: ["r-aa11", "r-bb22", "r-cc33", "r-dd44", "r-ee55"] })).toBe(
      "OU r-aa11, OU r-bb22, 3 more OUs",
    );
  });

  test("an empty scope says so (it matches no account)", () => {
    expect(describeScope(none)).toBe("no accounts");
  });
});
