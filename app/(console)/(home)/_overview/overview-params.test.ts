import { describe, expect, it } from "vitest";
import type { AccountOverviewRow } from "@/lib/data/overview/find-account-overview";
import { toHeatmapRow } from "./heatmap-rows";
import { sortHrefs } from "../../_components/sort-hrefs";
import { toOverviewTableRow } from "./overview-table-rows";
import { overviewHref, parseOverviewParams } from "./overview-params";

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

const parse = (query: string) => parseOverviewParams(new URLSearchParams(query));
const refusal = (query: string) => {
  try {
    parse(query);
  } catch (error) {
    return (error as Error).message;
  }
  return "accepted";
};

describe("overview URL state", () => {
  it("defaults to worst score first, page 1, 10 rows", () => {
    const defaults = { heat: "score", dir: "asc", hpage: 1, sort: "score", adir: "asc", apage: 1, size: 10 };
    expect(parse("")).toEqual(defaults);
    // Blank values (an emptied form field) are absent, not bad.
    expect(parse("heat=&dir=&hpage=&size=")).toEqual(defaults);
    expect(parse("heat=logging_monitoring&dir=desc&hpage=2&sort=critical&adir=desc&apage=3&size=25")).toEqual({
      heat: "logging_monitoring",
      dir: "desc",
      hpage: 2,
      sort: "critical",
      adir: "desc",
      apage: 3,
      size: 25,
    });
    // The first of repeated values counts.
    expect(parse("size=25&size=oops").size).toBe(25);
  });

  it("refuses a bad value with a message naming the parameter, instead of showing another order or page", () => {
    expect(refusal("heat=nope")).toBe(
      "heat: must be one of name, score, identity_access, data_protection, network, logging_monitoring, os_patching, application_security, backup_resilience, compliance_governance",
    );
    expect(refusal("dir=up")).toBe("dir: must be one of asc, desc");
    expect(refusal("hpage=-1")).toBe("hpage: must be a whole number of 1 or more");
    expect(refusal("apage=zero")).toBe("apage: must be a whole number of 1 or more");
    expect(refusal("hpage=1.5")).toBe("hpage: must be a whole number of 1 or more");
    expect(refusal("size=0")).toBe("size: must be a whole number from 1 to 100");
    expect(refusal("size=1000")).toBe("size: must be a whole number from 1 to 100");
    expect(refusal("sort=x&adir=1")).toBe(
      "sort: must be one of name, score, coverage, critical, high, medium, low, collected, collection; adir: must be one of asc, desc",
    );
  });

  it("writes links that keep the other table's state, with a sort key always next to its direction", () => {
    const params = parse("sort=critical&adir=desc&apage=2&size=25");
    expect(overviewHref(params, { heat: "logging_monitoring", dir: "asc", hpage: 1 }, "heatmap")).toBe(
      "/?heat=logging_monitoring&dir=asc&sort=critical&adir=desc&apage=2&size=25#heatmap",
    );
    expect(overviewHref(parse(""), {}, "accounts")).toBe("/#accounts");
    expect(overviewHref(parse(""), { hpage: 2 }, "heatmap")).toBe("/?hpage=2#heatmap");
  });
});

describe("heat map rows", () => {
  it("carries each domain's score and coverage in DOMAINS order, null where the snapshot has none", () => {
    const heat = toHeatmapRow(
      row("1", "bravo", {
        score: 70,
        domains: { identity_access: { score: 40, coverage: 100 }, network: { score: null, coverage: 0 } } as AccountOverviewRow["domains"],
      }),
    );
    expect(heat).toEqual({
      id: "1",
      name: "bravo",
      score: 70,
      cells: [
        [40, 100],
        [null, null],
        [null, 0],
        [null, null],
        [null, null],
        [null, null],
        [null, null],
        [null, null],
      ],
    });
  });

  it("links each heading to the other direction when it is the current sort, ascending otherwise", () => {
    const hrefs = sortHrefs(["name", "score", "network"], { key: "score", dir: "asc" }, (key, dir) => `${key}-${dir}`);
    expect(hrefs).toEqual({ name: "name-asc", score: "score-desc", network: "network-asc" });
    expect(sortHrefs(["score"], { key: "score", dir: "desc" }, (key, dir) => `${key}-${dir}`)).toEqual({ score: "score-asc" });
  });
});

describe("overview accounts table rows", () => {
  it("says the collection state worst first and keeps the evidence's age under the coverage", () => {
    const ok = toOverviewTableRow(row("1", "a", { evidenceAsOf: new Date("2026-11-30T08:05:00Z"), staleSources: 2 }));
    expect(ok).toMatchObject({ collected: "2026-12-01 10:00 UTC", collection: "ok", origin: "as of 2026-11-30 08:05 UTC · 2 stale" });
    expect(toOverviewTableRow(row("2", "b", { status: "unreachable", failedSteps: 3, statusError: "AccessDenied" }))).toMatchObject({
      collection: "unreachable",
      error: "AccessDenied",
    });
    expect(toOverviewTableRow(row("3", "c", { failedSteps: 3 })).collection).toBe("failed");
    expect(toOverviewTableRow(row("4", "d", { lastCollectedAt: null }))).toMatchObject({
      collection: "pending",
      collected: "never",
      origin: null,
    });
  });
});

// The tables' orders (nulls last either way, ties by name then id, the collection rank) are
// sorted and cut in SQL now: tests/overview-reads.int.test.ts keeps these cases and more.
