import { encode, getToken } from "next-auth/jwt";
import { getSessionSettings } from "@/lib/auth/session-settings";
import { isPastMaxAge, parseSessionClaims } from "@/lib/auth/session-token";
import { type NextRequest, NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { contentSecurityPolicy, createNonce } from "@/lib/http/content-security-policy";

/** Reachable without a session: the sign-in pages (including "refused") and next-auth's own endpoints. */
function isPublic(pathname: string): boolean {
  return pathname === "/sign-in" || pathname.startsWith("/sign-in/") || pathname.startsWith("/api/auth/");
}

/** Renew the session cookie at most once a minute: enough for an idle timeout counted in minutes. */
const RENEW_AFTER_SECONDS = 60;

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
 * Three jobs on every request except static assets:
 * 1. A Content-Security-Policy with a fresh nonce, passed on the request so Next.js
 *    stamps it on its scripts (every page renders dynamically), and set on the response.
 * 2. Defence in depth, not the authorisation itself: requests without a valid session
 *    token never reach a page or API (pages redirect to sign-in, APIs answer 401). Every
 *    page and route handler still checks the session and scopes its queries on its own
 *    (lib/auth/index.ts), as the Next.js docs advise for proxies. API-token GETs to the
 *    read-only API are left to their handlers, which alone can look the token up. Whether a
 *    session has been ended (signed out, sign out everywhere, disabled) needs the database
 *    and is decided there too.
 * 3. The idle timeout: a session cookie in use is re-issued with a fresh expiry; one past the
 *    absolute maximum age is not. Over https, HSTS as well.
 */
export async function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(createNonce(), getEnv().NODE_ENV === "development");
  const settings = getSessionSettings();
  const withPolicy = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", policy);
    if (settings.isHttps) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    return response;
  };

  const secret = getEnv().NEXTAUTH_SECRET;
  // Without NEXTAUTH_SECRET no token can be verified: treat the request as signed out.
  const token = secret
    ? await getToken({ req: request, secret, cookieName: settings.cookieName, secureCookie: settings.isHttps }).catch(() => null)
    : null;
  const claims = parseSessionClaims(token);
  const isSignedIn = !!claims && !isPastMaxAge(claims, settings.maxAgeSeconds);
  let renewed: string | null = null;
  // Not on next-auth's own endpoints: a renewal there could race sign-out's clearing of the cookie.
  if (
    isSignedIn &&
    secret &&
    !isPublic(request.nextUrl.pathname) &&
    typeof token?.iat === "number" &&
    Date.now() / 1000 - token.iat >= RENEW_AFTER_SECONDS
  ) {
    renewed = await encode({ token, secret, maxAge: settings.idleSeconds });
  }
  const withSession = (response: NextResponse) => {
    if (renewed) {
      response.cookies.set(settings.cookieName, renewed, {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: settings.isHttps,
        maxAge: settings.idleSeconds,
      });
    }
    return withPolicy(response);
  };

  if (!isPublic(request.nextUrl.pathname) && !acceptsApiToken(request)) {
    if (!isSignedIn) {
      if (request.nextUrl.pathname.startsWith("/api/")) {
        return withPolicy(NextResponse.json({ error: "UNAUTHENTICATED", message: "sign in first" }, { status: 401 }));
      }
      return withPolicy(NextResponse.redirect(new URL("/sign-in", request.url)));
    }
  }
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  return withSession(NextResponse.next({ request: { headers } }));
}

export const config = {
  // Everything except build output and the site icons.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
