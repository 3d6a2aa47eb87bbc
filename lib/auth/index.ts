import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/config";
import { getDb } from "@/lib/db";
import { requireApiTokenUser } from "@/lib/auth/require-api-token-user";
import { AppError } from "@/lib/errors";

export type Role = "admin" | "analyst" | "viewer";

/** The signed-in user as every data function receives it: the scope is applied inside queries. */
export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  allAccounts: boolean;
  accountScope: string[];
  /** Set when the request came with an API token instead of a session (the token acts as this user). */
  apiToken?: { id: string; name: string };
}

/** The current user, re-read from the database once per request; null without a valid session. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await getDb().user.findFirst({
    where: { id, disabled: false },
    select: { id: true, email: true, role: true, allAccounts: true, accountScope: true },
  });
  if (!user) return null;
  return { ...user, role: user.role as Role, accountScope: user.accountScope ?? [] };
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
