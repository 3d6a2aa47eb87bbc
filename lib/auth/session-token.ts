import { z } from "zod";

/**
 * The claims Parapet puts in its (encrypted) session token. Role and scope are not among
 * them: they are re-read per request. `sid` names this session so sign-out can end it alone;
 * `sv` is the user's session version when it was issued ("sign out everywhere" bumps it);
 * `authAt` is the sign-in time in seconds, for the absolute maximum age.
 */
export const ZSessionClaims = z.object({
  sub: z.uuid(),
  sid: z.uuid(),
  sv: z.number().int(),
  authAt: z.number().int(),
});
export type TSessionClaims = z.infer<typeof ZSessionClaims>;

/** The claims of a decoded token, or null when any is missing (e.g. a token from before sessions could end). */
export function parseSessionClaims(token: unknown): TSessionClaims | null {
  const parsed = ZSessionClaims.safeParse(token);
  return parsed.success ? parsed.data : null;
}

/** Whether the session is past its absolute maximum age. */
export function isPastMaxAge(claims: Pick<TSessionClaims, "authAt">, maxAgeSeconds: number, now = Date.now()): boolean {
  return now / 1000 >= claims.authAt + maxAgeSeconds;
}
