import { describe, expect, test } from "vitest";
import { NO_ACCOUNTS } from "@/lib/auth/account-scope";
import { accountInScope } from "@/lib/data/scope/account-in-scope";
import { toPgQuery } from "@/lib/data/scope/to-pg-query";
import { Prisma } from "@/lib/generated/prisma/client";

describe("accountInScope", () => {
  test("an unscoped user gets the constant TRUE: no account condition for the planner", () => {
    const sql = accountInScope({ all: true }, "f.account_id");
    expect(sql.text).toBe("TRUE");
    expect(sql.values).toEqual([]);
  });

  test("a scope that matches nothing is FALSE, never everything", () => {
    expect(accountInScope(NO_ACCOUNTS, "account_id").text).toBe("FALSE");
  });

  test("account ids become one array parameter on the given column", () => {
    const sql = accountInScope({ all: false, accountIds: ["111111111111", "222222222222"], tags: [], ouIds: [] }, "c.account_id");
    expect(sql.text).toBe("c.account_id = ANY($1::text[])");
    expect(sql.values).toEqual([["111111111111", "222222222222"]]);
  });

  test("tags and OUs resolve through the accounts table, OR-ed with the ids", () => {
    const sql = accountInScope(
      { all: false, accountIds: ["111111111111"], tags: [{ key: "team", value: "payments" }], ouIds: ["ou-ab12-aaaaaaaa"] },
      "f.account_id",
    );
    expect(sql.text.replace(/\s+/g, " ")).toBe(
      "(f.account_id = ANY($1::text[]) OR f.account_id IN (SELECT scoped.id FROM accounts scoped WHERE EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS wanted(key text, value text) WHERE scoped.tags ->> wanted.key = wanted.value) OR string_to_array(scoped.ou_path, '/') && $3::text[]))",
    );
    expect(sql.values).toEqual([["111111111111"], JSON.stringify([{ key: "team", value: "payments" }]), ["ou-ab12-aaaaaaaa"]]);
  });

  test("an OU-only scope has no id condition", () => {
    const sql = accountInScope({ all: false, accountIds: [], tags: [], ouIds: ["r-ab12"] }, "a.id");
    expect(sql.text).toBe("a.id IN (SELECT scoped.id FROM accounts scoped WHERE string_to_array(scoped.ou_path, '/') && $1::text[])");
  });

  test("a column that is not a plain reference is refused (it is spliced into SQL)", () => {
    expect(() => accountInScope({ all: true }, "a.id; DROP TABLE accounts")).toThrow(/not a column reference/);
    expect(() => accountInScope({ all: true }, "1=1 OR a.id")).toThrow(/not a column reference/);
  });

  test("inside a larger statement rendered for pg, placeholders are numbered in order", () => {
    const scope = { all: false as const, accountIds: ["111111111111"], tags: [], ouIds: [] };
    const { text, values } = toPgQuery(
      Prisma.sql`SELECT 1 FROM t WHERE x = ${"a"} AND ${accountInScope(scope, "t.account_id")} AND y = ${2}`,
    );
    expect(text).toBe("SELECT 1 FROM t WHERE x = $1 AND t.account_id = ANY($2::text[]) AND y = $3");
    expect(values).toEqual(["a", ["111111111111"], 2]);
  });
});
