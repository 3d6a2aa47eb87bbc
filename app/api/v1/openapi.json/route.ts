import { NextResponse } from "next/server";
import { OPENAPI_DOCUMENT } from "@/lib/api/openapi";
import { requireApiUser } from "@/lib/auth";
import { errorResponse } from "@/lib/http/error-response";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json: the API's OpenAPI 3.1 description (behind a session or token, like every API). */
export async function GET(request: Request): Promise<Response> {
  try {
    await requireApiUser(request);
    return NextResponse.json(OPENAPI_DOCUMENT, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, "GET /api/v1/openapi.json");
  }
}
