import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getSessionSettings } from "@/lib/auth/session-settings";
import { getEnv } from "@/lib/env";
import { getRequestIp } from "@/lib/http/get-request-ip";

/**
 * next-auth configuration: local accounts (scrypt) with JWT sessions. The token carries the
 * user id and the session's own claims (lib/auth/session-token.ts), never role or scope:
 * those are re-read from the database on every request (lib/auth/index.ts), so disabling a
 * user or narrowing a scope takes effect at once. Sessions end server-side: sign-out records
 * the session id, "sign out everywhere" bumps the user's session version, and the jwt
 * callback refuses both, so /api/auth/session clears the cookie instead of renewing it.
 * The session maxAge is the idle timeout; the proxy renews the cookie while it is used.
 */
const ZCredentials = z.object({ email: z.string().trim().toLowerCase().email().max(320), password: z.string().min(1).max(1024) });

/** What authorize hands to the jwt callback on sign-in. */
interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  sessionVersion: number;
}

export function buildAuthOptions(): NextAuthOptions {
  const settings = getSessionSettings();
  return {
    ...(getEnv().NEXTAUTH_SECRET ? { secret: getEnv().NEXTAUTH_SECRET } : {}),
    session: { strategy: "jwt", maxAge: settings.idleSeconds },
    jwt: { maxAge: settings.idleSeconds },
    useSecureCookies: settings.isHttps,
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Parapet account",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const parsed = ZCredentials.safeParse(credentials);
          if (!parsed.success) return null;
          const { authenticateLocalUser } = await import("@/lib/auth/authenticate-local-user");
          // next-auth hands over the request headers as a plain object: same trust rules as everywhere.
          return authenticateLocalUser(parsed.data.email, parsed.data.password, getRequestIp(request?.headers));
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const signedIn = user as unknown as SignedInUser;
          return { sub: signedIn.id, email: signedIn.email, name: signedIn.name, sid: randomUUID(), sv: signedIn.sessionVersion, authAt: Math.floor(Date.now() / 1000) };
        }
        const { resolveSessionUser } = await import("@/lib/auth/resolve-session-user");
        // Throwing makes next-auth answer "no session" and clear the cookie.
        if (!(await resolveSessionUser(token))) throw new Error("session ended");
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        const { endSession } = await import("@/lib/data/users/end-session");
        await endSession(token);
      },
    },
    logger: {
      // An ended session is expected, not an error worth a stack trace in the console's log.
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR" && String((metadata as { message?: string })?.message ?? metadata).includes("session ended")) return;
        console.error(`[next-auth] ${code}`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth] ${code}`);
      },
      debug() {},
    },
  };
}
