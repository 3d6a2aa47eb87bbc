import { describe, expect, test } from "vitest";
import { ZSsoMappingInput } from "@/lib/data/sso/sso-mapping-input";
import { ZUserAccess } from "@/lib/data/users/user-access";
import { fieldErrorsOf, readAccessForm } from "./read-access-form";

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe("readAccessForm", () => {
  test("pairs tag keys and values in order, drops empty rows and blank ids, trims OU ids", () => {
    const read = readAccessForm(
      form([
        ["role", "viewer"],
        ["allAccounts", ""],
        ["accountIds", "111111111111"],
        ["accountIds", ""],
        ["tagKey", "env"],
        ["tagValue", "prod"],
        ["tagKey", "team"],
        ["tagValue", "payments"],
        // The typing row, left empty.
        ["tagKey", ""],
        ["tagValue", ""],
        ["ouIds", " ou-ab12-34cd56ef "],
        ["ouIds", ""],
      ]),
    );
    expect(read).toEqual({
      role: "viewer",
      scope: {
        allAccounts: false,
        accountIds: ["111111111111"],
        tags: [
          { key: "env", value: "prod" },
          { key: "team", value: "payments" },
        ],
        ouIds: ["ou-ab12-34cd56ef"],
      },
    });
    expect(
      readAccessForm(
        form([
          ["role", "admin"],
          ["allAccounts", "on"],
        ]),
      ).scope.allAccounts,
    ).toBe(true);
  });

  test("a typed tag with a value but no key is kept, so the schema refuses it instead of dropping it", () => {
    expect(
      readAccessForm(
        form([
          ["tagKey", ""],
          ["tagValue", "prod"],
        ]),
      ).scope.tags,
    ).toEqual([{ key: "", value: "prod" }]);
  });
});

describe("fieldErrorsOf", () => {
  test("each scope part under its own name, saying which entry is wrong", () => {
    const raw = readAccessForm(
      form([
        ["role", "viewer"],
        ["accountIds", "12345"],
        ["tagKey", "k".repeat(129)],
        ["tagValue", "v"],
        ["tagKey", "env"],
        ["tagValue", "v".repeat(257)],
        ["ouIds", "ou-1"],
      ]),
    );
    const parsed = ZUserAccess.safeParse(raw);
    expect(parsed.success).toBe(false);
    const errors = fieldErrorsOf(parsed.error!, raw);
    expect(Object.keys(errors).sort()).toEqual(["accountIds", "ouIds", "tags"]);
    expect(errors.tags).toEqual([
      `tag 1 (${"k".repeat(129)}): a tag key has at most 128 characters (AWS's limit)`,
      "tag 2 (env): a tag value has at most 256 characters (AWS's limit)",
    ]);
    expect(errors.ouIds).toEqual(['"ou-1": expected an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)']);
    expect(errors.accountIds?.[0]).toMatch(/^"12345": /);
  });

  test("the mapping's group name and role are their own fields", () => {
    const raw = { groupName: " ", role: "owner", scope: { allAccounts: true, accountIds: [] } };
    const parsed = ZSsoMappingInput.safeParse(raw);
    const errors = fieldErrorsOf(parsed.error!, raw);
    expect(Object.keys(errors).sort()).toEqual(["groupName", "role"]);
  });
});
