import { describe, expect, test } from "vitest";
import type { ReportData } from "./report-model";
import { renderReportCsv } from "./render-report-csv";
import { renderPageChrome, renderReportHtml } from "./render-report-html";
import { renderReportMailText } from "./send-report-mail";

const EVIL = '=HYPERLINK("http://x.test","click") <script>alert(1)</script>';

function reportData(): ReportData {
  const totals = {
    fixed: 3,
    regressed: 1,
    new_resources: 1,
    lost_coverage: 0,
    gained_coverage: 0,
    now_applicable: 0,
    no_longer_applicable: 0,
    accepted: 0,
    acceptance_expired: 0,
    added_to_checklist: 0,
    removed_from_checklist: 0,
    new_account: 0,
  };
  return {
    formatVersion: 1,
    scope: { all: true },
    scopeLabel: "Whole organisation",
    week: "2026-W48",
    periodStart: "2026-11-23T00:00:00.000Z",
    periodEnd: "2026-11-30T00:00:00.000Z",
    generatedAt: "2026-12-01T06:00:00.000Z",
    checklistVersion: "test",
    freshness: { oldestEvidenceAt: "2026-11-28T12:00:00.000Z", newestEvidenceAt: "2026-11-29T12:00:00.000Z" },
    org: {
      score: 72.4,
      riskAdjustedScore: 74,
      coverage: 88.1,
      scoreChange: -1.5,
      coverageChange: 0.3,
      accountsInScope: 3,
      accountsAssessed: 2,
    },
    trend: Array.from({ length: 12 }, (_, index) => ({
      week: `2026-W${37 + index}`,
      score: index < 8 ? null : 70 + index / 10,
      coverage: index < 8 ? null : 88,
      accounts: index < 8 ? 0 : 2,
    })),
    domains: [],
    changes: {
      totals,
      highlights: [
        {
          accountId: "111111111111",
          accountName: EVIL,
          itemId: "IAM-01",
          title: "t",
          kind: "fixed",
          scoreImpact: 2.1,
          detail: "fail -> pass",
        },
      ],
      accounts: [],
    },
    worstAccounts: [],
    movers: { up: [], down: [] },
    threats: { newCritical: 2, newHigh: 5, stillActive: 4, riskyEvents: 1, findings: [], events: [] },
    topFixes: [
      {
        itemId: "IAM-05",
        title: "MFA",
        domain: "identity_access",
        severity: "high",
        uplift: 3.3,
        accountCount: 2,
        accounts: [],
        remediation: "-2+3 enable MFA",
      },
    ],
    expiringAcceptances: [],
    notAssessed: { accounts: [], sources: [], noDataItems: [], unmeasurable: [] },
  };
}

describe("report renderers", () => {
  test("the CSV neutralises formulas in names and texts, and keeps numbers", () => {
    const csv = renderReportCsv(reportData());
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).toContain("org,org,Whole organisation,score,72.4,");
    expect(csv).toContain("'-2+3 enable MFA");
  });

  test("the HTML escapes every text and loads nothing from outside", () => {
    const html = renderReportHtml(reportData());
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    expect(html).toContain("<svg");
    expect(html).toContain("2 critical &middot; 5 high");
  });

  test("every page's chrome names the week, scope, generation time, freshness and page numbers", () => {
    const { header, footer } = renderPageChrome(reportData());
    expect(header).toContain("2026-W48 (23 Nov 2026 to 29 Nov 2026)");
    expect(header).toContain("Scope: Whole organisation");
    expect(footer).toContain("Generated 2026-12-01 06:00 UTC");
    expect(footer).toContain("evidence as of 2026-11-28 12:00 UTC");
    expect(footer).toContain('<span class="pageNumber"></span> of <span class="totalPages"></span>');
  });

  test("the e-mail body carries the headline numbers", () => {
    const text = renderReportMailText(reportData());
    expect(text).toContain("Security score: 72.4 (-1.5 on last week)");
    expect(text).toContain("Coverage: 88.1% (+0.3)");
    expect(text).toContain("Accounts assessed: 2 of 3");
    expect(text).toContain("New threats: 2 critical, 5 high (4 still active)");
    expect(text).toContain("Top fix: IAM-05 MFA (+3.3 points)");
  });
});
