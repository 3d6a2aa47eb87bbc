import "server-only";
import type { SessionUser } from "@/lib/auth";
import { readBearerToken } from "@/lib/auth/api-token-format";
import { authenticateApiToken } from "@/lib/auth/authenticate-api-token";
import { AppError } from "@/lib/errors";

/** The user of a request's `Authorization: Bearer` API token, or a 401 AppError saying what is wrong. */
export async function requireApiTokenUser(request: Request, authorization: string): Promise<SessionUser> {
  const token = readBearerToken(authorization);
  if (!token) throw new AppError("UNAUTHENTICATED", "send an API token as 'Authorization: Bearer parapet_...'");
  const url = new URL(request.url);
  // Client IP: left empty until the trusted-proxy setting decides which header to believe
  // (X-Forwarded-For is whatever a caller writes unless a known proxy set it).
  const user = await authenticateApiToken(token, { method: request.method, target: `${url.pathname}${url.search}`, ip: null });
  if (!user) throw new AppError("UNAUTHENTICATED", "the API token is unknown, expired or revoked");
  return user;
}
