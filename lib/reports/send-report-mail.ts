import "server-only";
import nodemailer from "nodemailer";
import { getEnv } from "@/lib/env";
import type { ReportData } from "./report-model";
import { title } from "./render-report-html";

/** The short text body: the headline numbers and where the detail is. */
export function renderReportMailText(data: ReportData): string {
  const o = data.org;
  const t = data.threats;
  const signed = (value: number | null) => (value === null ? "n/a" : `${value > 0 ? "+" : ""}${value.toFixed(1)}`);
  const lines = [
    `Parapet weekly security report, ${data.week} (${data.periodStart.slice(0, 10)} to ${new Date(new Date(data.periodEnd).getTime() - 1).toISOString().slice(0, 10)})`,
    `Scope: ${data.scopeLabel}`,
    "",
    `Security score: ${o.score?.toFixed(1) ?? "n/a"} (${signed(o.scoreChange)} on last week)`,
    `Coverage: ${o.coverage?.toFixed(1) ?? "n/a"}% (${signed(o.coverageChange)})`,
    `Accounts assessed: ${o.accountsAssessed} of ${o.accountsInScope}`,
    `New threats: ${t.newCritical} critical, ${t.newHigh} high (${t.stillActive} still active); ${t.riskyEvents} risky actions`,
    `Fixed this week: ${data.changes.totals.fixed}; got worse: ${data.changes.totals.regressed + data.changes.totals.new_resources}`,
  ];
  if (data.topFixes[0])
    lines.push(`Top fix: ${data.topFixes[0].itemId} ${data.topFixes[0].title} (+${data.topFixes[0].uplift.toFixed(1)} points)`);
  lines.push("", "The full report is attached (PDF). Generated " + data.generatedAt.slice(0, 16).replace("T", " ") + " UTC.");
  return `${lines.join("\n")}\n`;
}

/**
 * E-mails the PDF to the recipients through the SMTP server in PARAPET_SMTP_* (TLS from the
 * first byte, STARTTLS required, or plain for a local relay). Throws the SMTP error as is,
 * so the delivery row can show it.
 */
export async function sendReportMail(data: ReportData, pdf: Buffer, filename: string, recipients: string[]): Promise<void> {
  const env = getEnv();
  if (!env.PARAPET_SMTP_HOST)
    throw new Error(
      "e-mail is not configured: set PARAPET_SMTP_HOST (and PARAPET_SMTP_PORT, PARAPET_SMTP_TLS, PARAPET_SMTP_USER, PARAPET_SMTP_PASSWORD, PARAPET_SMTP_FROM)",
    );
  const transport = nodemailer.createTransport({
    host: env.PARAPET_SMTP_HOST,
    port: env.PARAPET_SMTP_PORT,
    secure: env.PARAPET_SMTP_TLS === "tls",
    requireTLS: env.PARAPET_SMTP_TLS === "starttls",
    ignoreTLS: env.PARAPET_SMTP_TLS === "none",
    ...(env.PARAPET_SMTP_USER ? { auth: { user: env.PARAPET_SMTP_USER, pass: env.PARAPET_SMTP_PASSWORD ?? "" } } : {}),
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  try {
    await transport.sendMail({
      from: env.PARAPET_SMTP_FROM,
      to: recipients,
      subject: title(data),
      text: renderReportMailText(data),
      attachments: [{ filename, content: pdf, contentType: "application/pdf" }],
    });
  } finally {
    transport.close();
  }
}
