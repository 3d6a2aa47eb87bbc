import "server-only";
import { getActionIp } from "@/lib/http/get-action-ip";
import { createAuditEntry } from "@/lib/data/audit/create-audit-entry";
import type { SessionUser } from "@/lib/auth";
import { ensureReportAccountsVisible } from "@/lib/data/reports/ensure-report-accounts-visible";
import { getPool } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import type { IsoWeek } from "@/lib/reports/iso-week";
import type { PaperSize } from "@/lib/reports/print-report-pdf";
import { type ReportScope, scopeKey } from "@/lib/reports/report-scope";

/**
 * Queues an on-demand report the user was authorised for (authoriseReportRequest). The job
 * key makes a double click one generation; a later click makes the next version. Audited.
 */
export async function queueReportGeneration(
  user: SessionUser,
  request: { scope: ReportScope; week: IsoWeek; paper: PaperSize },
): Promise<void> {
  await ensureReportAccountsVisible(user, request.scope);
  const pool = getPool();
  await enqueue(
    pool,
    "generate-report",
    { scope: request.scope, week: request.week.id, paper: request.paper, generatedBy: user.email },
    { jobKey: `report-on-demand:${user.id}:${scopeKey(request.scope)}:${request.week.id}:${request.paper}`, maxAttempts: 3 },
  );
  await createAuditEntry(
    {
      actorEmail: user.email,
      action: "report.generate",
      ip: await getActionIp(),
      target: `report-week:${request.week.id}`,
      detail: { week: request.week.id, scope: request.scope, paper: request.paper },
    },
    pool,
  );
}
