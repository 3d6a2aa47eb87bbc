import { describe, expect, it } from "vitest";
import type { AccountListRow } from "@/lib/data/accounts/find-accounts";
import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import {
  accountListQuery,
  buildAccountList,
  discoveryCandidates,
  filterAccountList,
  limitChoices,
  ouChoices,
  tagChoices,
  parseAccountListParams,
  ZAccountListParams,
} from "./account-list";

const NOW = new Date("2026-12-01T12:00:00Z");

function account(id: string, name: string, extra: Partial<AccountListRow> = {}): AccountListRow {
  return {
    id,
    name,
    owner: null,
    tags: {},
    ouPath: null,
    roleArn: `arn:aws:iam::${id}:role/r`,
    regions: ["us-east-1"],
    status: "active",
    statusError: null,
    lastCollectedAt: new Date("2026-12-01T11:00:00Z"),
    score: null,
    coverage: null,
    lastRunStatus: "succeeded",
    lastRunStartedAt: null,
    ...extra,
  };
}

function overview(id: string, extra: Partial<AccountOverviewRow>): AccountOverviewRow {
  return {
    id,
    name: id,
    status: "active",
    statusError: null,
    lastCollectedAt: null,
    score: null,
    riskAdjustedScore: null,
    coverage: null,
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    informational: 0,
    failedSteps: 0,
    lastRunStatus: null,
    scoredDay: null,
    weekAgoScore: null,
    evidenceAsOf: null,
    importedAsOf: null,
    staleSources: 0,
    domains: {},
    ...extra,
  };
}

const rows = [
  account("111111111111", "prod", { score: 62.4, owner: "Ana", tags: { env: "prod" } }),
  account("222222222222", "dev", { score: 88, lastRunStatus: "partial" }),
  account("333333333333", "sandbox", { lastCollectedAt: new Date("2026-11-29T12:00:00Z") }),
  account("444444444444", "imported", { status: "data_only" }),
];
const list = buildAccountList(
  rows,
  [overview("111111111111", { weekAgoScore: 70, critical: 2, high: 5 }), overview("222222222222", { weekAgoScore: 80 })],
  NOW,
);

describe("accounts list", () => {
  it("joins last week's score and the counts, and leaves out records-only accounts", () => {
    expect(list.map((entry) => entry.id)).toEqual(["111111111111", "222222222222", "333333333333"]);
    expect(list[0]).toMatchObject({ change: -7.6, critical: 2, high: 5, stale: false, errors: false });
    expect(list[1]).toMatchObject({ change: 8, errors: true });
    expect(list[2]).toMatchObject({ change: null, stale: true });
  });

  it("refuses a tag filter with a control character (a NUL, found by the query fuzz test, made the export's audit insert fail)", () => {
    expect(() => parseAccountListParams({ tag: "a\u0000=b" })).toThrow("tag: must not contain control characters");
    expect(() => parseAccountListParams({ tag: "env=pro\nd" })).toThrow("tag: must not contain control characters");
    expect(parseAccountListParams({ tag: "env=prod" }).tag).toBe("env=prod");
  });

  it("filters by health, tag and text, and sorts with missing values last", () => {
    const parse = (query: string) => ZAccountListParams.parse(Object.fromEntries(new URLSearchParams(query)));
    expect(filterAccountList(list, parse("health=errors")).map((entry) => entry.name)).toEqual(["dev"]);
    expect(filterAccountList(list, parse("health=stale")).map((entry) => entry.name)).toEqual(["sandbox"]);
    expect(filterAccountList(list, parse("tag=env%3Dprod")).map((entry) => entry.name)).toEqual(["prod"]);
    expect(filterAccountList(list, parse("q=ana")).map((entry) => entry.name)).toEqual(["prod"]);
    expect(filterAccountList(list, parse("sort=score&dir=desc")).map((entry) => entry.name)).toEqual(["dev", "prod", "sandbox"]);
    expect(filterAccountList(list, parse("sort=score")).map((entry) => entry.name)).toEqual(["prod", "dev", "sandbox"]);
    expect(filterAccountList(list, parse("sort=change")).map((entry) => entry.name)).toEqual(["prod", "dev", "sandbox"]);
  });

  it("keeps the URL short, and refuses malformed values with a message naming each parameter instead of listing every account", () => {
    const params = parseAccountListParams({});
    expect(params).toEqual({ sort: "name", dir: "asc", page: 1, size: 25 });
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
});

describe("filterAccountList: by OU", () => {
  const PROD = "ou-ab12-prod0001";
  const TEAM = "ou-ab12-team0001";
  const list = buildAccountList(
    [
      account("111111111111", "a", { ouPath: `r-ab12/${PROD}/${TEAM}` }),
      account("222222222222", "b", { ouPath: `r-ab12/${PROD}` }),
      account("333333333333", "c", { ouPath: "r-ab12/ou-ab12-sand0001" }),
      account("444444444444", "d"),
    ],
    [],
    NOW,
  );
  const ids = (ou: string) => filterAccountList(list, ZAccountListParams.parse({ ou })).map((entry) => entry.id);

  it("an OU id selects the accounts in it and below it; a path selects by prefix; undiscovered accounts are in none", () => {
    expect(ids(PROD)).toEqual(["111111111111", "222222222222"]);
    expect(ids(TEAM)).toEqual(["111111111111"]);
    expect(ids(`r-ab12/${PROD}`)).toEqual(["111111111111", "222222222222"]);
    expect(ids("r-ab12")).toEqual(["111111111111", "222222222222", "333333333333"]);
    // A path is matched from the root: the team OU is not directly under the root.
    expect(ids(`r-ab12/${TEAM}`)).toEqual([]);
  });

  it("a malformed OU is refused with a message naming it (not dropped, which would list every account), and the query keeps a valid one", () => {
    expect(() => parseAccountListParams({ ou: "ou-x'; DROP" })).toThrow("ou: must be an OU id");
    expect(accountListQuery(ZAccountListParams.parse({ ou: PROD }))).toBe(`ou=${PROD}`);
  });

  it("the choices are every OU on a path, with the accounts in or below it", () => {
    expect(ouChoices(list)).toEqual([
      { ou: PROD, count: 2 },
      { ou: "ou-ab12-sand0001", count: 1 },
      { ou: TEAM, count: 1 },
    ]);
  });
});

describe("accounts list: bounded choices", () => {
  it("counts every tag, and keeps the most used ones in name order plus the current one", () => {
    const list = buildAccountList(
      [
        account("111111111111", "a", { tags: { env: "prod", team: "x" } }),
        account("222222222222", "b", { tags: { env: "prod" } }),
        account("333333333333", "c", { tags: { env: "dev", team: "y" } }),
      ],
      [],
      NOW,
    );
    const tags = tagChoices(list);
    expect(tags).toEqual([
      { tag: "env=dev", count: 1 },
      { tag: "env=prod", count: 2 },
      { tag: "team=x", count: 1 },
      { tag: "team=y", count: 1 },
    ]);
    // Two kept: env=prod (2), then env=dev (ties by name); team=y comes back as the current filter.
    expect(limitChoices(tags, (choice) => choice.tag, 2)).toEqual({ shown: [tags[0], tags[1]], hidden: 2 });
    expect(limitChoices(tags, (choice) => choice.tag, 2, "team=y")).toEqual({ shown: [tags[0], tags[1], tags[3]], hidden: 1 });
    expect(limitChoices(tags, (choice) => choice.tag, 30)).toEqual({ shown: tags, hidden: 0 });
  });

  it("suggests discovery sources by name or by sitting at the root, management-like names first, without disabled or role-less ones", () => {
    const accounts = [
      account("111111111111", "workload-1"),
      account("222222222222", "security-tooling"),
      account("333333333333", "Management"),
      account("444444444444", "payer-old", { status: "disabled" }),
      account("555555555555", "org-records", { roleArn: null, status: "data_only" }),
      account("666666666666", "first", { ouPath: "r-ab12" }),
      account("777777777777", "member", { ouPath: "r-ab12/ou-ab12-prod0001" }),
    ];
    expect(discoveryCandidates(accounts, 8).map((candidate) => candidate.id)).toEqual(["333333333333", "666666666666", "222222222222"]);
    expect(discoveryCandidates(accounts, 1)).toEqual([{ id: "333333333333", name: "Management" }]);
  });
});
