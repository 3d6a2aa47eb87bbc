import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { type AccountScope } from "@/lib/auth/account-scope";
import { requireApiTokenUser } from "@/lib/auth/require-api-token-user";
import { resolveSessionUser } from "@/lib/auth/resolve-session-user";
import { getSessionSettings } from "@/lib/auth/session-settings";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

export type Role = "admin" | "analyst" | "viewer";

/** The signed-in user as every data function receives it: the scope is applied inside queries. */
export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  /** The accounts the user may see; every data function applies it inside its query (lib/data/scope). */
  scope: AccountScope;
  /** The session's id when signed in through the console (sign-out ends that one session). */
  sessionId?: string;
  /** Set when the request came with an API token instead of a session (the token acts as this user). */
  apiToken?: { id: string; name: string };
}

/**
 * The current user, re-read from the database once per request; null without a session or
 * when it has ended (signed out, "sign out everywhere", disabled, idle or past its maximum
 * age: lib/auth/resolve-session-user.ts). The session cookie is decoded here directly rather
 * than through getServerSession, so each request costs one check and no token re-issue.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const secret = getEnv().NEXTAUTH_SECRET;
  const value = (await cookies()).get(getSessionSettings().cookieName)?.value;
  if (!secret || !value) return null;
  // decode checks the encryption and the expiry (the idle timeout); a bad token is no session.
  const token = await decode({ token: value, secret }).catch(() => null);
  return token ? resolveSessionUser(token) : null;
});

/** For pages: the user, or a redirect to sign-in. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user;
}

/**
 * For route handlers and actions: the user, or a 401 AppError. A route handler that
 * passes its `request` also accepts `Authorization: Bearer <API token>` (read-only GET
 * handlers only: server actions never pass it, so a token cannot change anything). A
 * request that carries an Authorization header is judged by it alone, never by a cookie.
 */
export async function requireApiUser(request?: Request): Promise<SessionUser> {
  const authorization = request?.headers.get("authorization") ?? null;
  if (request && authorization !== null) return requireApiTokenUser(request, authorization);
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "sign in first");
  return user;
}
