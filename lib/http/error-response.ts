import { NextResponse } from "next/server";
import { describeError, isAppError } from "@/lib/errors";

/**
 * A route handler's error as JSON `{ error: CODE, message }`, with the status from
 * lib/errors.ts (the same shape the proxy's 401 has). Anything that is not an AppError is
 * a bug: logged, answered 500 without internals.
 */
export function errorResponse(error: unknown, context: string): NextResponse {
  if (isAppError(error))
    return NextResponse.json(
      { error: error.code, message: error.message },
      { status: error.status, headers: { "Cache-Control": "no-store" } },
    );
  console.error(`${context} failed: ${describeError(error)}`);
  return NextResponse.json(
    { error: "INTERNAL", message: `${context} failed unexpectedly; the server log has the cause` },
    { status: 500, headers: { "Cache-Control": "no-store" } },
  );
}
