import { getToken } from "next-auth/jwt";
import { type NextRequest, NextResponse } from "next/server";

/**
 * Defence in depth, not the authorisation itself: requests without a valid session token
 * never reach a page or API (pages redirect to sign-in, APIs answer 401). Every page and
 * route handler still checks the session and scopes its queries on its own
 * (lib/auth/index.ts), as the Next.js docs advise for proxies.
 */
export async function proxy(request: NextRequest) {
  // Without NEXTAUTH_SECRET no token can be verified: treat the request as signed out.
  const token = await getToken({ req: request }).catch(() => null);
  if (token?.sub) return NextResponse.next();
  if (request.nextUrl.pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "UNAUTHENTICATED", message: "sign in first" }, { status: 401 });
  }
  const signIn = new URL("/sign-in", request.url);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything except sign-in, next-auth's own endpoints and static assets.
  matcher: ["/((?!sign-in|api/auth|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
