import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth";
import { getPool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseIsoWeek } from "@/lib/reports/iso-week";
import { isScopeWithin, userReportScope, ZReportScope } from "@/lib/reports/report-scope";
import { createReport, type CreatedReport } from "./create-report";

export const ZGenerateReportInput = z.object({
  week: z.string().regex(/^\d{4}-W\d{2}$/, "an ISO week such as 2026-W48"),
  scope: ZReportScope,
  paper: z.enum(["a4", "letter"]).default("a4"),
});

/**
 * "Generate" on the Reports page: admins and analysts build a report of a past week for a
 * scope inside their own (a viewer reads reports, does not make them). The numbers come only
 * from that scope (buildReportData filters every query by it). Audited.
 */
export async function createUserReport(user: SessionUser, input: unknown, now: Date = new Date()): Promise<CreatedReport> {
  if (user.role === "viewer") throw new AppError("FORBIDDEN", "viewers can read reports but not generate them");
  const parsed = ZGenerateReportInput.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; "));
  const week = parseIsoWeek(parsed.data.week);
  if (!week) throw new AppError("INVALID_INPUT", `week: ${parsed.data.week} is not a week of the calendar`);
  if (week.end.getTime() > now.getTime()) throw new AppError("INVALID_INPUT", `week: ${week.id} has not ended yet`);
  const scope = parsed.data.scope;
  if (!scope.all && scope.accountIds.length + scope.tags.length + scope.ouIds.length === 0) throw new AppError("INVALID_INPUT", "scope: choose at least one account");
  if (!isScopeWithin(scope, userReportScope(user))) throw new AppError("FORBIDDEN", "the report's scope must lie within the accounts you can see");
  const report = await createReport(getPool(), { scope, week, paper: parsed.data.paper, generatedBy: user.email, now });
  await getPool().query("INSERT INTO audit_log (actor_email, action, target, detail) VALUES ($1, 'report.generate', $2, $3)", [
    user.email,
    `report:${report.id}`,
    JSON.stringify({ week: week.id, version: report.version, scope }),
  ]);
  return report;
}
