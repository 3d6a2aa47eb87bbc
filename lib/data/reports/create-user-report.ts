import "server-only";
import { getActionIp } from "@/lib/http/get-action-ip";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import type { SessionUser } from "@/lib/auth";
import { getPool } from "@/lib/db";
import { authoriseReportRequest } from "./authorise-report-request";
import { ensureReportAccountsVisible } from "./ensure-report-accounts-visible";
import { createReport, type CreatedReport } from "./create-report";

/**
 * Generates a report for a user, in this process (the CLI and tests; the console queues a
 * generate-report job instead, so Chromium runs in the worker). The numbers come only from
 * the scope, which must lie inside the user's. Audited.
 */
export async function createUserReport(user: SessionUser, input: unknown, now: Date = new Date()): Promise<CreatedReport> {
  const request = authoriseReportRequest(user, input, now);
  await ensureReportAccountsVisible(user, request.scope);
  const report = await createReport(getPool(), { ...request, generatedBy: user.email, now });
  await createAuditEntry({
    actorEmail: user.email,
    action: "report.generate",
    ip: await getActionIp(),
    target: `report:${report.id}`,
    detail: { week: request.week.id, version: report.version, scope: request.scope },
  });
  return report;
}
