import { toCsvRow } from "@/lib/csv/to-csv-row";
import type { ReportData } from "./report-model";

export const REPORT_CSV_COLUMNS = ["section", "subject_id", "subject_name", "metric", "value", "detail"] as const;

/**
 * The data behind every figure of the PDF, one fact per row (long format: a spreadsheet
 * pivots it, a script filters it by section). Rendered from the same ReportData as the PDF;
 * every cell goes through toCsvRow, which neutralises spreadsheet formulas as the findings
 * export does.
 */
export function renderReportCsv(data: ReportData): string {
  const rows: unknown[][] = [];
  const add = (section: string, id: string, name: string, metric: string, value: unknown, detail = "") =>
    rows.push([section, id, name, metric, value ?? "", detail]);
  add("report", data.week, data.scopeLabel, "period_start", data.periodStart);
  add("report", data.week, data.scopeLabel, "period_end", data.periodEnd);
  add("report", data.week, data.scopeLabel, "generated_at", data.generatedAt);
  add("report", data.week, data.scopeLabel, "checklist_version", data.checklistVersion);
  add("report", data.week, data.scopeLabel, "evidence_oldest_at", data.freshness.oldestEvidenceAt);
  add("report", data.week, data.scopeLabel, "evidence_newest_at", data.freshness.newestEvidenceAt);
  add("report", data.week, data.scopeLabel, "scope", JSON.stringify(data.scope));
  const o = data.org;
  for (const [metric, value] of Object.entries({
    score: o.score,
    risk_adjusted_score: o.riskAdjustedScore,
    coverage: o.coverage,
    score_change: o.scoreChange,
    coverage_change: o.coverageChange,
    accounts_in_scope: o.accountsInScope,
    accounts_assessed: o.accountsAssessed,
  }))
    add("org", "org", data.scopeLabel, metric, value);
  for (const point of data.trend) {
    add("trend", point.week, "", "score", point.score);
    add("trend", point.week, "", "coverage", point.coverage);
    add("trend", point.week, "", "accounts", point.accounts);
  }
  for (const d of data.domains) {
    add("domain", d.domain, d.title, "score", d.score);
    add("domain", d.domain, d.title, "coverage", d.coverage);
    add("domain", d.domain, d.title, "score_change", d.scoreChange);
  }
  for (const [kind, count] of Object.entries(data.changes.totals)) add("changes_total", kind, "", "count", count);
  for (const h of data.changes.highlights) add("change", h.accountId, h.accountName, `${h.itemId} ${h.kind}`, h.scoreImpact, h.detail);
  for (const a of data.changes.accounts) {
    add("account_change", a.accountId, a.accountName, "score_before", a.scoreBefore);
    add("account_change", a.accountId, a.accountName, "score_after", a.scoreAfter);
    add("account_change", a.accountId, a.accountName, "score_change", a.scoreChange, a.isNew ? "new account" : a.main);
    for (const [kind, count] of Object.entries(a.counts)) add("account_change", a.accountId, a.accountName, kind, count);
  }
  for (const a of data.worstAccounts)
    add("worst_account", a.accountId, a.accountName, "score", a.score, `coverage ${a.coverage ?? "n/a"}; change ${a.scoreChange ?? "n/a"}`);
  for (const a of data.movers.up) add("mover_up", a.accountId, a.accountName, "score_change", a.scoreChange, `score ${a.score ?? "n/a"}`);
  for (const a of data.movers.down)
    add("mover_down", a.accountId, a.accountName, "score_change", a.scoreChange, `score ${a.score ?? "n/a"}`);
  const t = data.threats;
  add("threats", "org", data.scopeLabel, "new_critical", t.newCritical);
  add("threats", "org", data.scopeLabel, "new_high", t.newHigh);
  add("threats", "org", data.scopeLabel, "still_active", t.stillActive);
  add("threats", "org", data.scopeLabel, "risky_events", t.riskyEvents);
  for (const f of t.findings)
    add(
      "threat",
      f.accountId,
      f.accountName,
      `${f.severity} ${f.type}`,
      f.count,
      `${f.active} active; first seen ${f.firstSeenAt}; ${f.title}`,
    );
  for (const e of t.events) add("risky_event", e.accountId, e.accountName, `${e.pattern}: ${e.eventName}`, e.count, `last ${e.lastAt}`);
  data.topFixes.forEach((fix, index) => {
    add("top_fix", fix.itemId, fix.title, "rank", index + 1);
    add("top_fix", fix.itemId, fix.title, "uplift", fix.uplift, fix.remediation);
    add("top_fix", fix.itemId, fix.title, "accounts", fix.accountCount, fix.accounts.map((a) => `${a.accountId} +${a.uplift}`).join("; "));
  });
  for (const a of data.expiringAcceptances)
    add("expiring_acceptance", a.accountId, a.accountName, a.itemId, a.expiresAt, `${a.owner}: ${a.reason}`);
  for (const a of data.notAssessed.accounts) add("not_assessed_account", a.accountId, a.accountName, "status", a.status, a.reason);
  for (const s of data.notAssessed.sources)
    add("source_off", s.accountId, s.accountName, `${s.source} ${s.region}`, s.state, s.error ?? "");
  for (const i of data.notAssessed.noDataItems) add("no_data_item", i.itemId, i.title, "accounts", i.accounts);
  for (const u of data.notAssessed.unmeasurable) add("unmeasurable_duty", u.id, u.duty, "domain", u.domain, u.reason);
  return `\uFEFF${toCsvRow(REPORT_CSV_COLUMNS)}${rows.map((row) => toCsvRow(row)).join("")}`;
}
