import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth";
import { getReportFile, type ReportFileKind } from "@/lib/data/reports/get-report-file";
import { isAppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const KINDS: Record<string, ReportFileKind> = { "report.pdf": "pdf", "data.csv": "csv", "preview.png": "preview" };

/**
 * A report's PDF, CSV or page-1 preview: `/api/reports/<id>/report.pdf | data.csv | preview.png`.
 * Only for a report whose scope lies within the user's (checked in the query); PDF and CSV
 * downloads, and refusals, go to the audit log. Unknown and forbidden look the same (404).
 */
export async function GET(request: Request, context: { params: Promise<{ reportId: string; file: string }> }): Promise<Response> {
  let user;
  try {
    user = await requireApiUser();
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.message }, { status: error.status });
    throw error;
  }
  const { reportId, file } = await context.params;
  const kind = KINDS[file];
  if (!kind) return NextResponse.json({ error: "unknown file: use report.pdf, data.csv or preview.png" }, { status: 404 });
  const ip = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null;
  const found = await getReportFile(user, reportId, kind, ip);
  if (!found) return NextResponse.json({ error: "no such report" }, { status: 404 });
  return new Response(new Uint8Array(found.body), {
    headers: {
      "Content-Type": found.contentType,
      "Content-Disposition": `${kind === "preview" ? "inline" : "attachment"}; filename="${found.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
