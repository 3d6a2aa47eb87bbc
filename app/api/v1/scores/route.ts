import { NextResponse } from "next/server";
import { ZApiScoresQuery } from "@/lib/api/v1-query-schemas";
import { requireApiUser } from "@/lib/auth";
import { findAccountOverview } from "@/lib/data/overview/find-account-overview";
import { findOrgDomainScores } from "@/lib/data/scores/find-org-domain-scores";
import { findScoreHistory } from "@/lib/data/scores/find-score-history";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { parseQueryParams } from "@/lib/schemas/query-params";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/scores: the organisation's score (pooled over the caller's accounts) and each
 * account's latest score, coverage and active findings by severity; with `account`, only
 * that account plus its daily history over `days`. An account outside the caller's scope
 * is a 404, the same as one that does not exist (docs: lib/api/openapi.ts).
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = await requireApiUser(request);
    const query = parseQueryParams(ZApiScoresQuery, new URL(request.url).searchParams);
    const [organisation, overview] = await Promise.all([findOrgDomainScores(user), findAccountOverview(user)]);
    if (!query.account) return NextResponse.json({ organisation, data: overview }, { headers: { "Cache-Control": "no-store" } });
    const account = overview.find((row) => row.id === query.account);
    if (!account) throw new AppError("NOT_FOUND", `account ${query.account} is not in your scope or does not exist`);
    const history = await findScoreHistory(user, account.id, query.days);
    return NextResponse.json({ data: [{ ...account, history }] }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/v1/scores");
  }
}
