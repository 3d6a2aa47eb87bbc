import { NextResponse } from "next/server";
import { ZApiFindingsPage } from "@/lib/api/v1-query-schemas";
import { requireApiUser } from "@/lib/auth";
import { findFindings } from "@/lib/data/findings/find-findings";
import { ZFindingFilters } from "@/lib/data/findings/finding-filters";
import { errorResponse } from "@/lib/http/error-response";
import { parseQueryParams } from "@/lib/schemas/query-params";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/findings: the findings explorer's query as JSON: the same filters, parsed by
 * the same parser, the same scoped keyset query. `next` is the `after` cursor of the
 * following page (null on the last), `previous` the `before` cursor (docs: lib/api/openapi.ts).
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = await requireApiUser(request);
    const params = new URL(request.url).searchParams;
    const query = parseQueryParams(ZFindingFilters.safeExtend(ZApiFindingsPage.shape), params);
    const { limit, after, before, ...filters } = query;
    const page = await findFindings(
      user,
      { ...filters, after, before },
      { ...(after ? { after } : {}), ...(before ? { before } : {}), limit },
    );
    return NextResponse.json(
      { data: page.rows, next: page.nextCursor, previous: page.previousCursor },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error, "GET /api/v1/findings");
  }
}
