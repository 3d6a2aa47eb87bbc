import { DOMAIN_TITLES } from "@/lib/checklist/types";
import type { ReportData } from "./report-model";

/**
 * The report as one self-contained HTML document, printed to PDF by Chromium
 * (print-report-pdf.ts). No script, no external resource: the chart is inline SVG (vector in
 * the PDF), fonts are the system's (Chromium embeds the subsets it uses). Every text goes
 * through `esc`. The header and footer of every page (scope, period, generation time,
 * freshness, page numbers) come from `renderPageChrome`, which Chromium stamps on each page.
 */
export function renderReportHtml(data: ReportData): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title(data))}</title><style>${CSS}</style></head><body>
<section class="page-summary" id="summary">${renderSummary(data)}</section>
<section>${renderScorecard(data)}${renderAccounts(data)}</section>
<section>${renderChanges(data)}</section>
<section>${renderThreats(data)}</section>
<section>${renderFixes(data)}${renderAcceptances(data)}</section>
<section>${renderNotAssessed(data)}</section>
</body></html>`;
}

/** Header and footer templates for Chromium's page.pdf (inline styles only; they do not see the page's CSS). */
export function renderPageChrome(data: ReportData): { header: string; footer: string } {
  const style =
    "font-family:'Liberation Sans','DejaVu Sans',sans-serif;font-size:7.5pt;color:#5b6576;width:100%;padding:0 14mm;display:flex;justify-content:space-between;gap:12px;";
  return {
    header: `<div style="${style}"><span>Parapet weekly security report &middot; ${esc(data.week)} (${esc(period(data))})</span><span>Scope: ${esc(data.scopeLabel)}</span></div>`,
    footer: `<div style="${style}"><span>Generated ${esc(stamp(data.generatedAt))} &middot; evidence as of ${esc(data.freshness.oldestEvidenceAt ? stamp(data.freshness.oldestEvidenceAt) : "none")} &middot; checklist ${esc(data.checklistVersion)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}

export function title(data: ReportData): string {
  return `Weekly security report ${data.week}: ${data.scopeLabel}`;
}

function period(data: ReportData): string {
  const last = new Date(new Date(data.periodEnd).getTime() - 1);
  return `${fmtDay(data.periodStart)} to ${fmtDay(last.toISOString())}`;
}

function renderSummary(data: ReportData): string {
  const o = data.org;
  const t = data.threats;
  const fixed = data.changes.totals.fixed;
  const worse = data.changes.totals.regressed + data.changes.totals.new_resources;
  const brief: string[] = [];
  brief.push(
    o.score === null
      ? "No account in this scope was assessed this week, so there is no score."
      : `Our security score is <b>${num(o.score)}</b> out of 100${o.scoreChange === null ? "" : `, ${o.scoreChange > 0 ? "up" : o.scoreChange < 0 ? "down" : "unchanged"}${o.scoreChange ? ` ${num(Math.abs(o.scoreChange))} points` : ""} from last week`}. It is measured on ${num(o.coverage)}% of what we should check; the rest had no evidence and counts neither for nor against us.`,
  );
  brief.push(
    `${o.accountsAssessed} of ${o.accountsInScope} AWS accounts were assessed this week${data.notAssessed.accounts.length ? `; ${data.notAssessed.accounts.length} could not be fully assessed (see the last section)` : ""}.`,
  );
  brief.push(
    `${fixed} problem${fixed === 1 ? " was" : "s were"} fixed and ${worse} got worse or appeared${data.changes.totals.new_account ? `; ${data.changes.totals.new_account} new account${data.changes.totals.new_account === 1 ? "" : "s"} joined` : ""}.`,
  );
  brief.push(
    `${t.newCritical} critical and ${t.newHigh} high threat${t.newHigh === 1 ? "" : "s"} were detected this week (${t.stillActive} still active), and ${t.riskyEvents} risky administrative action${t.riskyEvents === 1 ? " was" : "s were"} recorded.`,
  );
  const top = data.topFixes[0];
  if (top)
    brief.push(
      `The single most valuable fix: <b>${esc(top.title)}</b> (${esc(top.itemId)}) in ${top.accountCount} account${top.accountCount === 1 ? "" : "s"}, worth +${num(top.uplift)} points.`,
    );
  if (data.expiringAcceptances.length)
    brief.push(
      `${data.expiringAcceptances.length} accepted risk${data.expiringAcceptances.length === 1 ? " expires" : "s expire"} within 30 days.`,
    );

  return `<h1>Weekly security report</h1>
<p class="lead">${esc(data.scopeLabel)} &middot; week ${esc(data.week)}, ${esc(period(data))}</p>
<div class="tiles">
  ${tile("Security score", num(o.score), change(o.scoreChange, "pts"), "tile-score")}
  ${tile("Coverage", `${num(o.coverage)}%`, change(o.coverageChange, "pts"), "tile-coverage")}
  ${tile("Accounts assessed", `${o.accountsAssessed} / ${o.accountsInScope}`, "in this scope", "tile-accounts")}
  ${tile("New threats", `${t.newCritical} critical &middot; ${t.newHigh} high`, `${t.stillActive} still active`, "tile-threats")}
</div>
<h2>This week in brief</h2>
<ul class="brief">${brief.map((line) => `<li>${line}</li>`).join("")}</ul>
<h2>Score and coverage, last 12 weeks</h2>
${renderTrendChart(data.trend)}
<h2>Top fixes</h2>
<table class="compact"><colgroup><col style="width:62%"><col style="width:18%"><col style="width:20%"></colgroup>
<thead><tr><th>Fix</th><th class="num">Accounts</th><th class="num">Score gain</th></tr></thead><tbody>
${
  data.topFixes
    .slice(0, 3)
    .map(
      (fix) =>
        `<tr><td>${esc(fix.itemId)} ${esc(fix.title)}</td><td class="num">${fix.accountCount}</td><td class="num">+${num(fix.uplift)}</td></tr>`,
    )
    .join("") || `<tr><td colspan="3" class="muted">Nothing failing.</td></tr>`
}
</tbody></table>
<p class="note">The score is the share of applicable AWS customer duties (weighted by severity) that pass, over the duties we have evidence for. Details and the data behind every figure follow, and are in the CSV.</p>`;
}

function renderTrendChart(trend: ReportData["trend"]): string {
  const width = 640;
  const height = 190;
  const left = 34;
  const right = 20;
  const top = 10;
  const bottom = 26;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const x = (index: number) => left + (trend.length <= 1 ? plotW / 2 : (index * plotW) / (trend.length - 1));
  const y = (value: number) => top + plotH - (value / 100) * plotH;
  const grid = [0, 25, 50, 75, 100]
    .map(
      (v) =>
        `<line x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}" stroke="#e2e6ec" stroke-width="1"/><text x="${left - 6}" y="${y(v) + 3.5}" text-anchor="end" class="axis">${v}</text>`,
    )
    .join("");
  const labels = trend
    .map((point, index) => `<text x="${x(index)}" y="${height - 8}" text-anchor="middle" class="axis">${esc(point.week.slice(5))}</text>`)
    .join("");
  const series = (values: Array<number | null>, colour: string, dash: string) => {
    const segments: string[][] = [];
    let currentSegment: string[] = [];
    values.forEach((value, index) => {
      if (value === null) {
        if (currentSegment.length) segments.push(currentSegment);
        currentSegment = [];
      } else currentSegment.push(`${x(index).toFixed(1)},${y(value).toFixed(1)}`);
    });
    if (currentSegment.length) segments.push(currentSegment);
    const lines = segments
      .map((points) => `<polyline fill="none" stroke="${colour}" stroke-width="2" ${dash} points="${points.join(" ")}"/>`)
      .join("");
    const dots = values
      .map((value, index) =>
        value === null ? "" : `<circle cx="${x(index).toFixed(1)}" cy="${y(value).toFixed(1)}" r="2.6" fill="${colour}"/>`,
      )
      .join("");
    return lines + dots;
  };
  const last = [...trend].reverse().find((point) => point.score !== null);
  return `<figure class="chart"><svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="Weekly score and coverage">
${grid}${labels}
${series(
  trend.map((point) => point.coverage),
  "#9aa4b2",
  'stroke-dasharray="5 4"',
)}
${series(
  trend.map((point) => point.score),
  "#2458d6",
  "",
)}
</svg><figcaption><span class="key key-score"></span> score <span class="key key-coverage"></span> coverage (%) &middot; one point per week (each account's last evaluation of the week)${
    trend.some((point) => point.score === null) ? "; gaps are weeks without any evaluation" : ""
  }${last ? `; latest ${num(last.score)}` : ""}</figcaption></figure>`;
}

function renderScorecard(data: ReportData): string {
  return `<h2>Shared responsibility scorecard</h2>
<p class="note">AWS secures the cloud itself; we secure what we put in it. Each row is one of the eight customer domains of the AWS Shared Responsibility Model.</p>
<table class="scorecard"><colgroup><col style="width:18%"><col style="width:26%"><col style="width:26%"><col style="width:9%"><col style="width:11%"><col style="width:10%"></colgroup>
<thead><tr><th>Domain</th><th>What AWS secures</th><th>What we must secure</th><th class="num">Score</th><th class="num">Coverage</th><th class="num">Change</th></tr></thead><tbody>
${data.domains
  .map(
    (d) =>
      `<tr><td><b>${esc(d.title)}</b></td><td class="small">${esc(d.awsSecures)}</td><td class="small">${esc(d.weSecure)}</td><td class="num">${num(d.score)}</td><td class="num">${pct(d.coverage)}</td><td class="num">${change(d.scoreChange)}</td></tr>`,
  )
  .join("")}
</tbody></table>`;
}

function renderAccounts(data: ReportData): string {
  const row = (a: { accountId: string; accountName: string; score: number | null; scoreChange: number | null; coverage?: number | null }) =>
    `<tr><td>${esc(a.accountName)}<div class="id">${esc(a.accountId)}</div></td><td class="num">${num(a.score)}</td>${a.coverage === undefined ? "" : `<td class="num">${pct(a.coverage)}</td>`}<td class="num">${change(a.scoreChange)}</td></tr>`;
  return `<h2>Accounts needing attention</h2>
<div class="two">
<div><h3>Lowest scores</h3><table class="compact"><colgroup><col style="width:40%"><col style="width:18%"><col style="width:24%"><col style="width:18%"></colgroup><thead><tr><th>Account</th><th class="num">Score</th><th class="num">Coverage</th><th class="num">Change</th></tr></thead><tbody>
${data.worstAccounts.map(row).join("") || `<tr><td colspan="4" class="muted">No assessed account.</td></tr>`}</tbody></table></div>
<div><h3>Biggest movers</h3><table class="compact"><colgroup><col style="width:52%"><col style="width:24%"><col style="width:24%"></colgroup><thead><tr><th>Account</th><th class="num">Score</th><th class="num">Change</th></tr></thead><tbody>
${[...data.movers.up, ...data.movers.down].map((a) => row({ ...a })).join("") || `<tr><td colspan="3" class="muted">No account's score moved this week.</td></tr>`}</tbody></table></div>
</div>`;
}

const KIND_LABEL: Record<keyof ReportData["changes"]["totals"], string> = {
  fixed: "Fixed",
  regressed: "Got worse",
  new_resources: "New failing resources",
  lost_coverage: "Lost evidence (coverage)",
  gained_coverage: "Gained evidence",
  now_applicable: "Newly applicable (service now used)",
  no_longer_applicable: "No longer applicable",
  accepted: "Risks accepted",
  acceptance_expired: "Acceptances expired",
  added_to_checklist: "Added to the checklist",
  removed_from_checklist: "Removed from the checklist",
  new_account: "New accounts",
};

/** The PDF shows the largest changes only (the per-account table and the CSV have the rest), so the section stays near one page. */
const HIGHLIGHTS_SHOWN = 8;

function renderChanges(data: ReportData): string {
  const totals = Object.entries(data.changes.totals) as Array<[keyof typeof KIND_LABEL, number]>;
  return `<h2>What changed this week, and why</h2>
<p class="note">Each account's last evaluation of the week compared with its last one before the week. A fix or regression is a checklist item whose result changed.</p>
<div class="chips">${totals
    .filter(
      ([kind, count]) =>
        count > 0 ||
        ["fixed", "regressed", "new_resources", "lost_coverage", "accepted", "acceptance_expired", "new_account"].includes(kind),
    )
    .map(([kind, count]) => `<span class="chip"><b>${count}</b> ${esc(KIND_LABEL[kind])}</span>`)
    .join("")}</div>
<h3>Largest changes</h3>
<table class="compact"><colgroup><col style="width:22%"><col style="width:34%"><col style="width:14%"><col style="width:10%"><col style="width:20%"></colgroup>
<thead><tr><th>Account</th><th>Item</th><th>Change</th><th class="num">Points</th><th>Why</th></tr></thead><tbody>
${
  data.changes.highlights
    .slice(0, HIGHLIGHTS_SHOWN)
    .map(
      (h) =>
        `<tr><td>${esc(h.accountName)}<div class="id">${esc(h.accountId)}</div></td><td>${esc(h.itemId)} ${esc(h.title)}</td><td>${esc(KIND_LABEL[h.kind])}</td><td class="num">${change(h.scoreImpact)}</td><td class="small">${esc(h.detail)}</td></tr>`,
    )
    .join("") || `<tr><td colspan="5" class="muted">Nothing changed this week.</td></tr>`
}
</tbody></table>
<h3>Per account</h3>
<table class="compact"><colgroup><col style="width:24%"><col style="width:11%"><col style="width:11%"><col style="width:8%"><col style="width:8%"><col style="width:38%"></colgroup>
<thead><tr><th>Account</th><th class="num">Score</th><th class="num">Change</th><th class="num">Fixed</th><th class="num">Worse</th><th>Main changes</th></tr></thead><tbody>
${
  data.changes.accounts
    .map(
      (a) =>
        `<tr><td>${esc(a.accountName)}<div class="id">${esc(a.accountId)}</div></td><td class="num">${num(a.scoreAfter)}</td><td class="num">${a.isNew ? "new" : change(a.scoreChange)}</td><td class="num">${a.counts.fixed ?? 0}</td><td class="num">${(a.counts.regressed ?? 0) + (a.counts.new_resources ?? 0)}</td><td class="small">${esc(a.main || (a.isNew ? "first evaluation this week" : ""))}</td></tr>`,
    )
    .join("") || `<tr><td colspan="6" class="muted">No account changed this week.</td></tr>`
}
</tbody></table>`;
}

function renderThreats(data: ReportData): string {
  const t = data.threats;
  return `<h2>New threats this week</h2>
<p class="note">Critical and high GuardDuty findings first seen this week, and successful risky administrative actions from CloudTrail. "Active" means still open when this report was generated.</p>
<div class="chips"><span class="chip"><b>${t.newCritical}</b> critical</span><span class="chip"><b>${t.newHigh}</b> high</span><span class="chip"><b>${t.stillActive}</b> still active</span><span class="chip"><b>${t.riskyEvents}</b> risky actions</span></div>
<table class="compact"><colgroup><col style="width:22%"><col style="width:11%"><col style="width:45%"><col style="width:10%"><col style="width:12%"></colgroup>
<thead><tr><th>Account</th><th>Severity</th><th>Threat</th><th class="num">Findings</th><th class="num">Active</th></tr></thead><tbody>
${
  t.findings
    .map(
      (f) =>
        `<tr><td>${esc(f.accountName)}<div class="id">${esc(f.accountId)}</div></td><td class="sev-${f.severity.toLowerCase()}">${esc(f.severity)}</td><td>${esc(f.title)}<div class="id">${esc(f.type)}</div></td><td class="num">${f.count}</td><td class="num">${f.active}</td></tr>`,
    )
    .join("") || `<tr><td colspan="5" class="muted">No new critical or high threat this week.</td></tr>`
}
</tbody></table>
<h3>Risky administrative actions</h3>
<table class="compact"><colgroup><col style="width:26%"><col style="width:34%"><col style="width:18%"><col style="width:8%"><col style="width:14%"></colgroup>
<thead><tr><th>Account</th><th>What</th><th>Call</th><th class="num">Times</th><th>Last</th></tr></thead><tbody>
${
  t.events
    .map(
      (e) =>
        `<tr><td>${esc(e.accountName)}<div class="id">${esc(e.accountId)}</div></td><td>${esc(e.pattern)}</td><td class="small">${esc(e.eventName)}</td><td class="num">${e.count}</td><td class="small">${esc(stamp(e.lastAt))}</td></tr>`,
    )
    .join("") || `<tr><td colspan="5" class="muted">None this week.</td></tr>`
}
</tbody></table>`;
}

function renderFixes(data: ReportData): string {
  return `<h2>Top 5 fixes</h2>
<p class="note">Ranked by how many points the scope's score would gain if the item were fixed in every affected account (accepted risks excluded).</p>
${
  data.topFixes
    .map(
      (
        fix,
        index,
      ) => `<div class="fix"><div class="fix-head"><span class="rank">${index + 1}</span><b>${esc(fix.itemId)} ${esc(fix.title)}</b><span class="gain">+${num(fix.uplift)} points</span></div>
<div class="small">${esc(DOMAIN_TITLES[fix.domain])} &middot; ${esc(fix.severity)} &middot; ${fix.accountCount} account${fix.accountCount === 1 ? "" : "s"}: ${fix.accounts.map((a) => `${esc(a.accountName)} (${esc(a.accountId)}, +${num(a.uplift)})`).join(", ")}${fix.accountCount > fix.accounts.length ? `, and ${fix.accountCount - fix.accounts.length} more` : ""}</div>
<div class="remedy">${esc(fix.remediation)}</div></div>`,
    )
    .join("") || `<p class="muted">Nothing is failing: no fix to recommend.</p>`
}`;
}

function renderAcceptances(data: ReportData): string {
  return `<h2>Accepted risks expiring within 30 days</h2>
<table class="compact"><colgroup><col style="width:22%"><col style="width:28%"><col style="width:14%"><col style="width:22%"><col style="width:14%"></colgroup>
<thead><tr><th>Account</th><th>Item</th><th>Owner</th><th>Reason</th><th>Expires</th></tr></thead><tbody>
${
  data.expiringAcceptances
    .map(
      (a) =>
        `<tr><td>${esc(a.accountName)}<div class="id">${esc(a.accountId)}</div></td><td>${esc(a.itemId)} ${esc(a.title)}</td><td class="small">${esc(a.owner)}</td><td class="small">${esc(a.reason)}</td><td class="small">${esc(fmtDay(a.expiresAt))}</td></tr>`,
    )
    .join("") || `<tr><td colspan="5" class="muted">None.</td></tr>`
}
</tbody></table>`;
}

function renderNotAssessed(data: ReportData): string {
  const n = data.notAssessed;
  return `<h2>What could not be assessed</h2>
<p class="note">Missing evidence is never counted as a pass. These gaps are why coverage is below 100%.</p>
<h3>Accounts</h3>
<table class="compact"><colgroup><col style="width:28%"><col style="width:14%"><col style="width:58%"></colgroup>
<thead><tr><th>Account</th><th>Status</th><th>Why</th></tr></thead><tbody>
${n.accounts.map((a) => `<tr><td>${esc(a.accountName)}<div class="id">${esc(a.accountId)}</div></td><td>${esc(a.status)}</td><td class="small">${esc(a.reason)}</td></tr>`).join("") || `<tr><td colspan="3" class="muted">Every account was assessed.</td></tr>`}
</tbody></table>
<h3>Sources switched off or failing (at generation)</h3>
<table class="compact"><colgroup><col style="width:28%"><col style="width:16%"><col style="width:14%"><col style="width:12%"><col style="width:30%"></colgroup>
<thead><tr><th>Account</th><th>Region</th><th>Source</th><th>State</th><th>Error</th></tr></thead><tbody>
${n.sources.map((s) => `<tr><td>${esc(s.accountName)}<div class="id">${esc(s.accountId)}</div></td><td>${esc(s.region)}</td><td>${esc(s.source)}</td><td>${esc(s.state)}</td><td class="small">${esc(s.error ?? "")}</td></tr>`).join("") || `<tr><td colspan="5" class="muted">Every source is on.</td></tr>`}
</tbody></table>
<h3>Checklist items without evidence</h3>
<table class="compact"><colgroup><col style="width:80%"><col style="width:20%"></colgroup>
<thead><tr><th>Item</th><th class="num">Accounts</th></tr></thead><tbody>
${n.noDataItems.map((i) => `<tr><td>${esc(i.itemId)} ${esc(i.title)}</td><td class="num">${i.accounts}</td></tr>`).join("") || `<tr><td colspan="2" class="muted">None.</td></tr>`}
</tbody></table>
<h3>Duties no AWS API can measure</h3>
<p class="note">Our responsibility all the same: a high score does not mean these are done.</p>
<table class="compact"><colgroup><col style="width:34%"><col style="width:66%"></colgroup>
<thead><tr><th>Duty</th><th>Why it cannot be measured here</th></tr></thead><tbody>
${n.unmeasurable.map((u) => `<tr><td>${esc(u.duty)}<div class="id">${esc(u.id)} &middot; ${esc(DOMAIN_TITLES[u.domain])}</div></td><td class="small">${esc(u.reason)}</td></tr>`).join("")}
</tbody></table>`;
}

function tile(label: string, value: string, sub: string, testClass: string): string {
  return `<div class="tile ${testClass}"><div class="label">${esc(label)}</div><div class="value">${value}</div><div class="sub">${sub}</div></div>`;
}

function num(value: number | null | undefined): string {
  return value === null || value === undefined ? "n/a" : value.toFixed(1);
}

function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? "n/a" : `${value.toFixed(1)}%`;
}

function change(value: number | null | undefined, unit = ""): string {
  if (value === null || value === undefined) return "n/a";
  const text = `${value > 0 ? "+" : value < 0 ? "\u2212" : "\u00b1"}${Math.abs(value).toFixed(1)}${unit ? ` ${unit}` : ""}`;
  return `<span class="${value > 0 ? "up" : value < 0 ? "down" : ""}">${text}</span>`;
}

function stamp(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

function fmtDay(iso: string): string {
  const date = new Date(iso);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const CSS = `
@page { margin: 18mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 9.5pt; line-height: 1.35; color: #1d2430; }
h1 { font-size: 20pt; margin: 0 0 2pt; }
h2 { font-size: 13pt; margin: 14pt 0 5pt; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 10pt 0 4pt; break-after: avoid; }
section { break-before: page; }
section:first-child { break-before: auto; }
.page-summary { break-after: page; }
.lead { color: #5b6576; margin: 0 0 10pt; font-size: 10.5pt; }
/* 2px short of the full width: Letter's content width is a fractional pixel count and the last tile's right border fell on the clip edge. */
.tiles { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 7pt; margin: 0 2px 6pt 0; }
.tile { border: 1px solid #d5dbe3; border-radius: 5pt; padding: 6pt 8pt; break-inside: avoid; }
.tile .label { font-size: 7.5pt; text-transform: uppercase; letter-spacing: 0.05em; color: #5b6576; }
.tile .value { font-size: 15pt; font-weight: 700; margin: 2pt 0; overflow-wrap: anywhere; }
.tile-threats .value { font-size: 12pt; }
.tile .sub { font-size: 8pt; color: #5b6576; }
ul.brief { margin: 0; padding-left: 14pt; }
ul.brief li { margin: 2pt 0; }
.chart { margin: 0; break-inside: avoid; }
.chart svg { display: block; max-height: 62mm; }
.chart .axis { font-size: 9px; fill: #5b6576; font-family: "Liberation Sans", "DejaVu Sans", sans-serif; }
figcaption { font-size: 8pt; color: #5b6576; }
.key { display: inline-block; width: 14pt; height: 0; vertical-align: middle; margin-left: 6pt; }
.key-score { border-top: 2px solid #2458d6; }
.key-coverage { border-top: 2px dashed #9aa4b2; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin-bottom: 4pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { text-align: left; padding: 3pt 5pt; border-bottom: 1px solid #e2e6ec; vertical-align: top; overflow-wrap: anywhere; }
th { font-size: 7.5pt; text-transform: uppercase; letter-spacing: 0.04em; color: #5b6576; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.small { font-size: 8.5pt; }
.id { font-size: 7.5pt; color: #5b6576; }
.muted { color: #5b6576; }
.note { color: #5b6576; font-size: 8.5pt; margin: 2pt 0 6pt; }
.up { color: #1f8a4c; }
.down { color: #c0392b; }
.sev-critical { color: #8b1a1a; font-weight: 700; }
.sev-high { color: #c0392b; font-weight: 700; }
.two { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12pt; }
.chips { display: flex; flex-wrap: wrap; gap: 5pt; margin: 4pt 0 6pt; }
.chip { border: 1px solid #d5dbe3; border-radius: 10pt; padding: 1.5pt 7pt; font-size: 8.5pt; }
.fix { border: 1px solid #d5dbe3; border-radius: 5pt; padding: 6pt 8pt; margin: 0 2px 6pt 0; break-inside: avoid; }
.fix-head { display: flex; gap: 8pt; align-items: baseline; }
.fix-head b { flex: 1; }
.rank { font-weight: 700; color: #2458d6; }
.gain { font-weight: 700; color: #1f8a4c; white-space: nowrap; }
.remedy { margin-top: 3pt; }
`;
