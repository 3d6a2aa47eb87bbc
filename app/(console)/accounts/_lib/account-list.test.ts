import { describe, expect, it } from "vitest";
import type { AccountListRow } from "@/lib/data/accounts/find-accounts";
import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import { accountListQuery, buildAccountList, filterAccountList, ZAccountListParams } from "./account-list";

const NOW = new Date("2026-12-01T12:00:00Z");

function account(id: string, name: string, extra: Partial<AccountListRow> = {}): AccountListRow {
  return {
    id,
    name,
    owner: null,
    tags: {},
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

  it("ignores malformed values and keeps the URL short", () => {
    const params = ZAccountListParams.parse({ sort: "nope", dir: "sideways", health: "x", tag: "novalue" });
    expect(params).toEqual({ sort: "name", dir: "asc", page: 1, size: 100 });
    expect(accountListQuery(params)).toBe("");
    expect(accountListQuery(params, { sort: "score", dir: "desc" })).toBe("sort=score&dir=desc");
  });

  it("reads the page and a capped page size from the URL, and writes them back only when not the default", () => {
    const parse = (query: string) => ZAccountListParams.parse(Object.fromEntries(new URLSearchParams(query)));
    expect(parse("page=3&size=20")).toMatchObject({ page: 3, size: 20 });
    // More than 200 rows a page is cut to 200: the page size is what bounds the render.
    expect(parse("size=5000").size).toBe(200);
    expect(parse("page=0&size=0")).toMatchObject({ page: 1, size: 100 });
    expect(parse("page=-2&size=abc")).toMatchObject({ page: 1, size: 100 });
    expect(parse("page=1.5&size=2.5")).toMatchObject({ page: 1, size: 100 });
    expect(accountListQuery(parse("sort=score&page=3&size=20"))).toBe("sort=score&page=3&size=20");
    expect(accountListQuery(parse("sort=score&page=3&size=20"), { page: 1 })).toBe("sort=score&size=20");
  });
});
