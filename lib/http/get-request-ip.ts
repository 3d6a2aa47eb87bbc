import "server-only";
import { getEnv } from "@/lib/env";
import { parseTrustedProxies, resolveClientIp } from "@/lib/http/client-ip";

let trusted: { setting: string; list: ReturnType<typeof parseTrustedProxies> } | undefined;

/**
 * The client address for audit rows and throttling, from a request's headers (next-auth's
 * authorize hands over a plain object, route handlers and server actions a Headers).
 */
export function getRequestIp(headers: Headers | Record<string, string | string[] | undefined> | undefined): string | null {
  const setting = getEnv().PARAPET_TRUSTED_PROXIES;
  if (trusted?.setting !== setting) trusted = { setting, list: parseTrustedProxies(setting) };
  let forwarded: string | string[] | null | undefined;
  if (headers instanceof Headers) forwarded = headers.get("x-forwarded-for");
  else forwarded = headers?.["x-forwarded-for"];
  // Several header lines are one list, in order (RFC 9110 5.3).
  const joined = Array.isArray(forwarded) ? forwarded.join(",") : forwarded;
  return resolveClientIp(joined, trusted.list);
}
