import { NextResponse } from "next/server";
import { ZApiAccountsQuery } from "@/lib/api/v1-query-schemas";
import { requireApiUser } from "@/lib/auth";
import { findAccounts } from "@/lib/data/accounts/find-accounts";
import { errorResponse } from "@/lib/http/error-response";
import { parseQueryParams } from "@/lib/schemas/query-params";

export const dynamic = "force-dynamic";

/** GET /api/v1/accounts: the accounts the caller may see, with latest score and run (docs: lib/api/openapi.ts). */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = await requireApiUser(request);
    parseQueryParams(ZApiAccountsQuery, new URL(request.url).searchParams);
    const accounts = await findAccounts(user);
    return NextResponse.json({ data: accounts }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/v1/accounts");
  }
}
