import { describe, expect, it } from "vitest";
import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import { sortHeatmap } from "./domain-heatmap";
import { overviewHref, ZOverviewParams } from "./overview-params";
import { sortAccountsTable } from "./sort-overview-accounts";

function row(id: string, name: string, extra: Partial<AccountOverviewRow> = {}): AccountOverviewRow {
  return {
    id,
    name,
    status: "active",
    statusError: null,
    lastCollectedAt: new Date("2026-12-01T10:00:00Z"),
    score: null,
    riskAdjustedScore: null,
    coverage: null,
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    informational: 0,
    failedSteps: 0,
    lastRunStatus: "succeeded",
    scoredDay: null,
    weekAgoScore: null,
    domains: {},
    evidenceAsOf: null,
    importedAsOf: null,
    staleSources: 0,
    ...extra,
  };
}

const parse = (query: string) => ZOverviewParams.parse(Object.fromEntries(new URLSearchParams(query)));

describe("overview URL state", () => {
  it("defaults to worst score first, page 1, 50 rows, and falls back on bad values", () => {
    const defaults = { heat: "score", dir: "asc", hpage: 1, sort: "score", adir: "asc", apage: 1, size: 50 };
    expect(parse("")).toEqual(defaults);
    expect(parse("heat=nope&dir=up&hpage=-1&sort=x&adir=1&apage=zero&size=0")).toEqual(defaults);
    expect(parse("size=1000").size).toBe(100);
    expect(parse("heat=logging_monitoring&dir=desc&hpage=2&sort=critical&adir=desc&apage=3&size=10")).toEqual({
      heat: "logging_monitoring",
      dir: "desc",
      hpage: 2,
      sort: "critical",
      adir: "desc",
      apage: 3,
      size: 10,
    });
  });

  it("writes links that keep the other table's state, with a sort key always next to its direction", () => {
    const params = parse("sort=critical&adir=desc&apage=2&size=10");
    expect(overviewHref(params, { heat: "logging_monitoring", dir: "asc", hpage: 1 }, "heatmap")).toBe(
      "/?heat=logging_monitoring&dir=asc&sort=critical&adir=desc&apage=2&size=10#heatmap",
    );
    expect(overviewHref(parse(""), {}, "accounts")).toBe("/#accounts");
    expect(overviewHref(parse(""), { hpage: 2 }, "heatmap")).toBe("/?hpage=2#heatmap");
  });
});

describe("overview sorting", () => {
  const accounts = [
    row("1", "bravo", {
      score: 70,
      critical: 2,
      domains: { logging_monitoring: { score: 40, coverage: 100 } } as AccountOverviewRow["domains"],
    }),
    row("2", "alpha", { score: 70, critical: 5 }),
    row("3", "charlie", {
      score: 20,
      critical: 0,
      domains: { logging_monitoring: { score: 90, coverage: 100 } } as AccountOverviewRow["domains"],
    }),
    row("4", "delta", { score: null, critical: 1, status: "unreachable", lastCollectedAt: null }),
  ];
  const ids = (rows: AccountOverviewRow[]) => rows.map((account) => account.id);

  it("puts accounts without a figure last in both directions, ties by name", () => {
    expect(ids(sortHeatmap(accounts, { key: "score", dir: "asc" }))).toEqual(["3", "2", "1", "4"]);
    expect(ids(sortHeatmap(accounts, { key: "score", dir: "desc" }))).toEqual(["2", "1", "3", "4"]);
    expect(ids(sortHeatmap(accounts, { key: "logging_monitoring", dir: "desc" }))).toEqual(["3", "1", "2", "4"]);
    expect(ids(sortAccountsTable(accounts, "score", "asc"))).toEqual(["3", "2", "1", "4"]);
    expect(ids(sortAccountsTable(accounts, "collected", "desc"))).toEqual(["2", "1", "3", "4"]);
  });

  it("sorts the accounts table by any of its columns", () => {
    expect(ids(sortAccountsTable(accounts, "critical", "desc"))).toEqual(["2", "1", "4", "3"]);
    expect(ids(sortAccountsTable(accounts, "name", "asc"))).toEqual(["2", "1", "3", "4"]);
    // Collection: unreachable first ascending (worst first), then the collected ones by name.
    expect(ids(sortAccountsTable(accounts, "collection", "asc"))).toEqual(["4", "2", "1", "3"]);
  });
});
