import "../accounts/_components/console-controls.css";
import { requirePageUser } from "@/lib/auth";
import { findAccounts } from "@/lib/data/accounts/find-accounts";
import { findReportSchedules } from "@/lib/data/reports/find-report-schedules";
import { findReports } from "@/lib/data/reports/find-reports";
import { lastCompleteIsoWeek, shiftIsoWeek } from "@/lib/reports/iso-week";
import { describeScope, type ReportScope } from "@/lib/reports/report-scope";
import { GenerateReportForm } from "./_components/generate-report-form";
import { ScheduleForm } from "./_components/schedule-form";

export const dynamic = "force-dynamic";

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function scopeText(scope: ReportScope): string {
  if (scope.all) return "all";
  return [
    scope.accountIds.length ? `accounts:${scope.accountIds.join(",")}` : "",
    ...scope.tags.map((tag) => `tag:${tag.key}=${tag.value}`),
    ...scope.ouIds.map((ou) => `ou:${ou}`),
  ]
    .filter(Boolean)
    .join(";");
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Weekly executive reports: generate, list (with delivery status), preview of page 1, downloads; schedules for admins. */
export default async function ReportsPage() {
  const user = await requirePageUser();
  const [reports, schedules, accounts] = await Promise.all([findReports(user), findReportSchedules(user), findAccounts(user)]);
  const canGenerate = user.role === "admin" || user.role === "analyst";
  const lastWeek = lastCompleteIsoWeek(new Date());
  const weeks = Array.from({ length: 12 }, (_, index) => shiftIsoWeek(lastWeek, -index).id);
  const latest = reports[0];
  return (
    <div className="cp">
      <h1>Reports</h1>
      <p className="muted small">
        The weekly executive report: a PDF for people who are not security specialists, and a CSV with the data behind every figure. A
        stored report never changes; generating again makes a new version.
      </p>
      {canGenerate ? (
        <section className="panel">
          <h2>Generate a report</h2>
          <GenerateReportForm
            weeks={weeks}
            accounts={accounts
              .filter((account) => account.status !== "data_only")
              .map((account) => ({ id: account.id, name: account.name }))}
            canChooseOrg={user.scope.all}
          />
        </section>
      ) : null}
      <div style={{ display: "grid", gridTemplateColumns: latest ? "minmax(0, 2fr) minmax(260px, 1fr)" : "1fr", gap: 16 }}>
        <section className="panel">
          <h2>Reports</h2>
          {reports.length === 0 ? (
            <p className="muted">No report yet{canGenerate ? ": generate one above, or wait for the weekly schedule." : "."}</p>
          ) : (
            <table data-testid="reports-table">
              <thead>
                <tr>
                  <th>Week</th>
                  <th>Scope</th>
                  <th>Generated</th>
                  <th className="num">Score</th>
                  <th className="num">Size</th>
                  <th>Delivery</th>
                  <th>Download</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((report) => (
                  <tr key={report.id} data-testid="report-row">
                    <td className="nowrap">
                      {report.week} <span className="muted small">v{report.version}</span>
                    </td>
                    <td className="small">{describeScope(report.scope)}</td>
                    <td className="small">
                      {report.generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                      <div className="muted">{report.scheduleName ? `schedule: ${report.scheduleName}` : report.generatedBy}</div>
                    </td>
                    <td className="num">
                      {report.score?.toFixed(1) ?? "n/a"}
                      <div className="muted small">{report.coverage === null ? "" : `${report.coverage.toFixed(1)}% cov.`}</div>
                    </td>
                    <td className="num small">
                      {size(report.pdfBytes)}
                      <div className="muted">
                        {report.pageCount} pages, {report.paper === "a4" ? "A4" : "Letter"}
                      </div>
                    </td>
                    <td className="small" data-testid="report-delivery">
                      {report.delivery ? (
                        <>
                          <span
                            className={`badge ${report.delivery.status === "sent" ? "ok" : report.delivery.status === "failed" ? "error" : "warn"}`}
                          >
                            {report.delivery.status}
                          </span>{" "}
                          <span className="muted">
                            {report.delivery.recipients.length} recipient{report.delivery.recipients.length === 1 ? "" : "s"},{" "}
                            {report.delivery.attempts} attempt
                            {report.delivery.attempts === 1 ? "" : "s"}
                          </span>
                          {report.delivery.lastError && report.delivery.status !== "sent" ? (
                            <div className="error-text">{report.delivery.lastError}</div>
                          ) : null}
                        </>
                      ) : (
                        <span className="muted">not e-mailed</span>
                      )}
                    </td>
                    <td className="nowrap">
                      <a className="button" href={`/api/reports/${report.id}/report.pdf`}>
                        PDF
                      </a>{" "}
                      <a className="button" href={`/api/reports/${report.id}/data.csv`}>
                        CSV
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        {latest ? (
          <section className="panel">
            <h2>
              Page 1 of {latest.week} v{latest.version}
            </h2>
            {/* A plain img: the preview is private and authorised per request; next/image would proxy and cache it. */}
            <img
              src={`/api/reports/${latest.id}/preview.png`}
              alt={`Page 1 of the report for ${latest.week}`}
              style={{ width: "100%", border: "1px solid var(--line)" }}
              data-testid="report-preview"
            />
          </section>
        ) : null}
      </div>
      {user.role === "admin" ? (
        <section className="panel" data-testid="report-schedules">
          <h2>Schedules</h2>
          <p className="muted small">
            Each schedule builds the previous week&apos;s report at its day and time, once per week, and e-mails the PDF to its recipients
            (SMTP settings: PARAPET_SMTP_*). Weeks missed while no worker ran are built when a worker starts.
          </p>
          {schedules.map((schedule) => (
            <div key={schedule.id}>
              <h3 className="small" style={{ margin: "8px 0" }}>
                {schedule.name}
                {schedule.isDefault ? " (default)" : ""}: {DAYS[schedule.dayOfWeek - 1]} {schedule.timeOfDay} {schedule.timeZone}
              </h3>
              <ScheduleForm
                initial={{
                  id: schedule.id,
                  name: schedule.name,
                  scopeText: scopeText(schedule.scope),
                  recipients: schedule.recipients,
                  paper: schedule.paper,
                  dayOfWeek: schedule.dayOfWeek,
                  timeOfDay: schedule.timeOfDay,
                  timeZone: schedule.timeZone,
                  enabled: schedule.enabled,
                }}
              />
            </div>
          ))}
          <h3 className="small" style={{ margin: "8px 0" }}>
            New schedule
          </h3>
          <ScheduleForm
            initial={{
              name: "",
              scopeText: "all",
              recipients: [],
              paper: "a4",
              dayOfWeek: 1,
              timeOfDay: "06:00",
              timeZone: "UTC",
              enabled: true,
            }}
          />
        </section>
      ) : null}
    </div>
  );
}
