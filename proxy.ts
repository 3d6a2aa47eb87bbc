import { getToken } from "next-auth/jwt";
import { type NextRequest, NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { contentSecurityPolicy, createNonce } from "@/lib/http/content-security-policy";

/** Reachable without a session: the sign-in page and next-auth's own endpoints. */
function isPublic(pathname: string): boolean {
  return pathname === "/sign-in" || pathname.startsWith("/api/auth/");
}

/**
 * Read-only routes whose handlers accept an API token (`requireApiUser(request)`): a GET
 * there with an `Authorization` header goes on to the handler, which checks the token
 * against the database (revoked, expired, maker disabled) and answers 401 itself.
 */
function acceptsApiToken(request: NextRequest): boolean {
  const { pathname } = request.nextUrl;
  return (
    (request.method === "GET" || request.method === "HEAD") &&
    (pathname.startsWith("/api/v1/") || pathname === "/api/findings/export") &&
    request.headers.has("authorization")
  );
}

/**
 * Two jobs on every request except static assets:
 * 1. A Content-Security-Policy with a fresh nonce, passed on the request so Next.js
 *    stamps it on its scripts (every page renders dynamically), and set on the response.
 * 2. Defence in depth, not the authorisation itself: requests without a valid session
 *    token never reach a page or API (pages redirect to sign-in, APIs answer 401). Every
 *    page and route handler still checks the session and scopes its queries on its own
 *    (lib/auth/index.ts), as the Next.js docs advise for proxies. API-token GETs to the
 *    read-only API are left to their handlers, which alone can look the token up.
 */
export async function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(createNonce(), getEnv().NODE_ENV === "development");
  const withPolicy = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", policy);
    return response;
  };

  if (!isPublic(request.nextUrl.pathname) && !acceptsApiToken(request)) {
    // Without NEXTAUTH_SECRET no token can be verified: treat the request as signed out.
    const token = await getToken({ req: request }).catch(() => null);
    if (!token?.sub) {
      if (request.nextUrl.pathname.startsWith("/api/")) {
        return withPolicy(NextResponse.json({ error: "UNAUTHENTICATED", message: "sign in first" }, { status: 401 }));
      }
      return withPolicy(NextResponse.redirect(new URL("/sign-in", request.url)));
    }
  }
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  return withPolicy(NextResponse.next({ request: { headers } }));
}

export const config = {
  // Everything except build output and the site icons.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
