"use server";

import { revalidatePath } from "next/cache";
import { requireApiUser } from "@/lib/auth";
import { authoriseReportRequest } from "@/lib/data/reports/authorise-report-request";
import { queueReportGeneration } from "@/lib/data/reports/queue-report-generation";
import { saveReportSchedule } from "@/lib/data/reports/save-report-schedule";
import { isAppError } from "@/lib/errors";
import { parseScopeText } from "@/lib/reports/report-scope";

export interface ReportActionResult {
  isOk: boolean;
  message: string;
}

function fail(error: unknown): ReportActionResult {
  if (isAppError(error)) return { isOk: false, message: error.message };
  if (error instanceof Error && /^scope /.test(error.message)) return { isOk: false, message: error.message };
  throw error;
}

/** "Generate": checks the request as the user, then queues it; the worker prints it (Chromium runs there, not in the console). */
export async function generateReportAction(_previous: ReportActionResult | null, form: FormData): Promise<ReportActionResult> {
  try {
    const user = await requireApiUser();
    const scopeText = String(form.get("scope") ?? "all");
    const accountIds = form.getAll("accountIds").map(String).filter(Boolean);
    const scope =
      accountIds.length > 0 || scopeText.trim() === ""
        ? { all: false as const, accountIds, tags: [], ouIds: [] }
        : parseScopeText(scopeText);
    const request = authoriseReportRequest(user, { week: form.get("week"), scope, paper: form.get("paper") ?? "a4" });
    await queueReportGeneration(user, request);
    revalidatePath("/reports");
    return { isOk: true, message: `Report for ${request.week.id} queued; it appears below in a few seconds (reload).` };
  } catch (error) {
    return fail(error);
  }
}

/** Admins create or edit a schedule (name, scope, recipients, paper, day, time, time zone). */
export async function saveScheduleAction(_previous: ReportActionResult | null, form: FormData): Promise<ReportActionResult> {
  try {
    const user = await requireApiUser();
    const saved = await saveReportSchedule(user, {
      id: form.get("id") || undefined,
      name: form.get("name"),
      scope: parseScopeText(String(form.get("scope") ?? "all")),
      recipients: String(form.get("recipients") ?? "")
        .split(/[\s,;]+/)
        .filter(Boolean),
      paper: form.get("paper"),
      dayOfWeek: form.get("dayOfWeek"),
      timeOfDay: form.get("timeOfDay"),
      timeZone: form.get("timeZone"),
      enabled: form.get("enabled") === "on",
    });
    revalidatePath("/reports");
    return { isOk: true, message: `Schedule "${saved.name}" saved.` };
  } catch (error) {
    return fail(error);
  }
}
