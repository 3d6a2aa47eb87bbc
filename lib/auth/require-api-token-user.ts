import "server-only";
import type { SessionUser } from "@/lib/auth";
import { readBearerToken } from "@/lib/auth/api-token-format";
import { authenticateApiToken } from "@/lib/auth/authenticate-api-token";
import { AppError } from "@/lib/errors";
import { getRequestIp } from "@/lib/http/get-request-ip";

/** The user of a request's `Authorization: Bearer` API token, or a 401 AppError saying what is wrong. */
export async function requireApiTokenUser(request: Request, authorization: string): Promise<SessionUser> {
  const token = readBearerToken(authorization);
  if (!token) throw new AppError("UNAUTHENTICATED", "send an API token as 'Authorization: Bearer parapet_...'");
  const url = new URL(request.url);
  // The client address through the one resolver: X-Forwarded-For hops count only through
  // PARAPET_TRUSTED_PROXIES, so a caller cannot write the address its token use is filed under.
  const user = await authenticateApiToken(token, {
    method: request.method,
    target: `${url.pathname}${url.search}`,
    ip: getRequestIp(request.headers),
  });
  if (!user) throw new AppError("UNAUTHENTICATED", "the API token is unknown, expired or revoked");
  return user;
}
