import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/auth";
import { searchAccounts } from "@/lib/data/accounts/search-accounts";
import { errorResponse } from "@/lib/http/error-response";
import { parseAccountSearch } from "@/lib/schemas/account-search";

export const dynamic = "force-dynamic";

/**
 * The account picker's suggestions: `?q=` matched against name, id and owner of the
 * accounts in the signed-in user's scope (at most 20). Session only: it serves the
 * console's own filter, not API tokens.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = await requireApiUser();
    const { q } = parseAccountSearch(new URL(request.url).searchParams);
    const accounts = await searchAccounts(user, q);
    return NextResponse.json({ accounts }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "account search");
  }
}
