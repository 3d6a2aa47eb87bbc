import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { type IsoWeek, parseIsoWeek } from "@/lib/reports/iso-week";
import type { PaperSize } from "@/lib/reports/print-report-pdf";
import { isScopeWithin, type ReportScope, userReportScope, ZReportScope } from "@/lib/reports/report-scope";

export const ZGenerateReportInput = z.object({
  week: z
    .string()
    .trim()
    .regex(/^\d{4}-W\d{2}$/, "an ISO week such as 2026-W48"),
  scope: ZReportScope,
  paper: z.enum(["a4", "letter"]).default("a4"),
});

/**
 * Who may generate which report: admins and analysts, for a complete past week, for a
 * scope inside their own (a viewer reads reports but does not make them). Throws AppError
 * (400/403) with a message for the form; returns the checked request.
 */
export function authoriseReportRequest(
  user: SessionUser,
  input: unknown,
  now: Date = new Date(),
): { scope: ReportScope; week: IsoWeek; paper: PaperSize } {
  if (user.role === "viewer") throw new AppError("FORBIDDEN", "viewers can read reports but not generate them");
  const parsed = ZGenerateReportInput.safeParse(input);
  if (!parsed.success)
    throw new AppError(
      "INVALID_INPUT",
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; "),
    );
  const week = parseIsoWeek(parsed.data.week);
  if (!week) throw new AppError("INVALID_INPUT", `week: ${parsed.data.week} is not a week of the calendar`);
  if (week.end.getTime() > now.getTime()) throw new AppError("INVALID_INPUT", `week: ${week.id} has not ended yet`);
  const scope = parsed.data.scope;
  if (!scope.all && scope.accountIds.length + scope.tags.length + scope.ouIds.length === 0)
    throw new AppError("INVALID_INPUT", "scope: choose at least one account");
  // An explicit account list cannot be judged against a tag or OU scope on the terms alone:
  // it is let through here and each id is checked against the accounts the user's scope
  // resolves to now (ensureReportAccountsVisible, run by every caller before any work), the
  // same rule reportVisibleTo reads such reports by, so the user can open what they made.
  const isIdList = !scope.all && scope.tags.length === 0 && scope.ouIds.length === 0;
  const isResolvedLater = isIdList && !user.scope.all && user.scope.tags.length + user.scope.ouIds.length > 0;
  if (!isResolvedLater && !isScopeWithin(scope, userReportScope(user)))
    throw new AppError("FORBIDDEN", "the report's scope must lie within the accounts you can see");
  return { scope, week, paper: parsed.data.paper };
}
