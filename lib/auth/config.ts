import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getSessionSettings } from "@/lib/auth/session-settings";
import { getOidcConfig } from "@/lib/auth/sso/get-oidc-config";
import { readGroupsClaim } from "@/lib/auth/sso/map-sso-groups";
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

/** The OIDC id of the single sign-on provider: its callback is /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

/**
 * OpenID Connect through next-auth's generic OAuth provider: discovery from the issuer's
 * well-known document, the authorization code flow with PKCE and state checked by next-auth,
 * the ID token's signature and issuer checked by openid-client. Claims come from the ID token.
 */
function oidcProvider(): OAuthConfig<Record<string, unknown>> | null {
  const oidc = getOidcConfig();
  if (!oidc) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: oidc.name,
    type: "oauth",
    wellKnown: `${oidc.issuer}/.well-known/openid-configuration`,
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: oidc.scopes } },
    profile(profile) {
      const email = typeof profile.email === "string" ? profile.email.toLowerCase() : null;
      const name =
        typeof profile.name === "string"
          ? profile.name
          : typeof profile.preferred_username === "string"
            ? profile.preferred_username
            : null;
      return { id: String(profile.sub), email, name };
    },
  };
}

export function buildAuthOptions(): NextAuthOptions {
  const settings = getSessionSettings();
  const oidc = oidcProvider();
  return {
    ...(getEnv().NEXTAUTH_SECRET ? { secret: getEnv().NEXTAUTH_SECRET } : {}),
    session: { strategy: "jwt", maxAge: settings.idleSeconds },
    jwt: { maxAge: settings.idleSeconds },
    useSecureCookies: settings.isHttps,
    // next-auth's own error page would show its codes; ours says what to do.
    pages: { signIn: "/sign-in", error: "/sign-in/refused" },
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
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const claims = (profile ?? {}) as Record<string, unknown>;
        const { signInSsoUser } = await import("@/lib/data/sso/sign-in-sso-user");
        const { getActionIp } = await import("@/lib/http/get-action-ip");
        const result = await signInSsoUser(
          {
            subject: String(claims.sub ?? ""),
            email: typeof claims.email === "string" ? claims.email : null,
            emailVerified: claims.email_verified,
            name: user.name ?? null,
            groups: readGroupsClaim(claims, getOidcConfig()?.groupsClaim ?? "groups"),
          },
          await getActionIp(),
        );
        if (!result.isOk) return `/sign-in/refused?reason=${result.reason}`;
        // next-auth hands this same object to the jwt callback: from here on it is our user.
        Object.assign(user, {
          id: result.user.id,
          email: result.user.email,
          name: result.user.name,
          sessionVersion: result.user.sessionVersion,
        });
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          const signedIn = user as unknown as SignedInUser;
          return {
            sub: signedIn.id,
            email: signedIn.email,
            name: signedIn.name,
            sid: randomUUID(),
            sv: signedIn.sessionVersion,
            authAt: Math.floor(Date.now() / 1000),
          };
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
        if (code === "JWT_SESSION_ERROR" && String((metadata as { message?: string })?.message ?? metadata).includes("session ended"))
          return;
        console.error(`[next-auth] ${code}`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth] ${code}`);
      },
      debug() {},
    },
  };
}
