import { describe, expect, it } from "vitest";
import { accountListQuery, parseAccountListParams, ZAccountListParams } from "./account-list";

// The filters, sorts, choices and discovery suggestions are SQL now (findAccountListPage and its
// neighbours): their cases, once here, are in tests/account-list.int.test.ts against PostgreSQL.

describe("accounts list", () => {
  it("refuses a tag filter with a control character (a NUL, found by the query fuzz test, made the export's audit insert fail)", () => {
    expect(() => parseAccountListParams({ tag: "a\u0000=b" })).toThrow("tag: must not contain control characters");
    expect(() => parseAccountListParams({ tag: "env=pro\nd" })).toThrow("tag: must not contain control characters");
    expect(parseAccountListParams({ tag: "env=prod" }).tag).toBe("env=prod");
  });

  it("keeps the URL short, and refuses malformed values with a message naming each parameter instead of listing every account", () => {
    const params = parseAccountListParams({});
    expect(params).toEqual({ sort: "name", dir: "asc", page: 1, size: 25, rpage: 1 });
    expect(accountListQuery(params)).toBe("");
    expect(accountListQuery(params, { sort: "score", dir: "desc" })).toBe("sort=score&dir=desc");
    expect(() => parseAccountListParams({ sort: "nope", dir: "sideways", health: "x", tag: "novalue", q: "a\u0000" })).toThrow(
      "q: must not contain control characters; health: must be one of errors, stale, ok; tag: a tag filter is key=value; sort: must be one of name, id, owner, ou, score, change, coverage, critical, high, freshness, status; dir: must be one of asc, desc",
    );
  });
});

describe("accounts list: paging", () => {
  const parse = (query: string) => parseAccountListParams(Object.fromEntries(new URLSearchParams(query)));

  it("reads the page and the page size from the URL and writes them back only when not the default", () => {
    expect(parse("page=3&size=20")).toMatchObject({ page: 3, size: 20 });
    expect(parse("size=200").size).toBe(200);
    expect(accountListQuery(parse("sort=score&page=3&size=20"))).toBe("sort=score&page=3&size=20");
    expect(accountListQuery(parse("sort=score&page=3&size=20"), { page: 1 })).toBe("sort=score&size=20");
  });

  it("refuses a page size over 200 or a page that is not a whole positive number, with a message naming it", () => {
    expect(() => parse("size=5000")).toThrow("size: must be a whole number from 1 to 200");
    expect(() => parse("size=0")).toThrow("size: must be a whole number from 1 to 200");
    expect(() => parse("size=abc")).toThrow("size: must be a whole number from 1 to 200");
    expect(() => parse("page=0")).toThrow("page: must be a whole number of 1 or more");
    expect(() => parse("page=1.5")).toThrow("page: must be a whole number of 1 or more");
    expect(() => parse("page=-2")).toThrow("page: must be a whole number of 1 or more");
  });

  it("the records-only table has its own page in the URL (`rpage`), refused like `page` and kept by the list's links", () => {
    expect(parse("rpage=2").rpage).toBe(2);
    expect(() => parse("rpage=0")).toThrow("rpage: must be a whole number of 1 or more");
    expect(accountListQuery(parse("sort=id&rpage=2"), { page: 3 })).toBe("sort=id&page=3&rpage=2");
    expect(accountListQuery(parse("rpage=2"), { rpage: 1 })).toBe("");
  });
});

describe("accounts list: by OU", () => {
  it("a malformed OU is refused with a message naming it (not dropped, which would list every account), and the query keeps a valid one", () => {
    expect(() => parseAccountListParams({ ou: "ou-x'; DROP" })).toThrow("ou: must be an OU id");
    expect(accountListQuery(ZAccountListParams.parse({ ou: "ou-ab12-prod0001" }))).toBe("ou=ou-ab12-prod0001");
  });
});
