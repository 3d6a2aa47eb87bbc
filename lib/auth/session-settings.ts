import { getEnv } from "@/lib/env";

export interface SessionSettings {
  /** A session unused this long ends: the cookie and its token expire, and use renews both. */
  idleSeconds: number;
  /** A session this old ends however active it is (checked against the token's sign-in time). */
  maxAgeSeconds: number;
  /** The public URL is https: `Secure` `__Secure-` cookies and HSTS. */
  isHttps: boolean;
  cookieName: string;
}

/** Session settings from config; shared by next-auth's options, the proxy and getSessionUser. */
export function getSessionSettings(): SessionSettings {
  const env = getEnv();
  const isHttps = env.NEXTAUTH_URL?.startsWith("https://") ?? false;
  return {
    idleSeconds: env.PARAPET_SESSION_IDLE_MINUTES * 60,
    maxAgeSeconds: env.PARAPET_SESSION_MAX_HOURS * 3600,
    isHttps,
    // next-auth's own names; the prefix makes browsers refuse the cookie over plain http.
    cookieName: isHttps ? "__Secure-next-auth.session-token" : "next-auth.session-token",
  };
}
