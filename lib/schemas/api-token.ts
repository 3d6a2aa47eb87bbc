import { z } from "zod";
import { hasControlCharacter } from "@/lib/schemas/has-control-character";

/** Longest token life: automation credentials get looked at again at least once a year. */
export const MAX_API_TOKEN_DAYS = 365;
/** Live (unrevoked, unexpired) tokens one user may hold: enough for every pipeline, not a place to hide hundreds. */
export const MAX_LIVE_API_TOKENS = 20;

/** A new token as the form sends it: a name to recognise it by, and a required, bounded expiry in days. */
export const ZCreateApiToken = z.object({
  name: z
    .string({ error: "give the token a name" })
    .trim()
    .min(3, "give the token a name of at least 3 characters")
    .max(80, "keep the name under 80 characters")
    .refine((value) => !hasControlCharacter(value), "the name must not contain control characters"),
  expiresInDays: z.coerce
    .number({ error: "choose when the token expires" })
    .int("the expiry is a whole number of days")
    .min(1, "a token lives at least 1 day")
    .max(MAX_API_TOKEN_DAYS, `a token lives at most ${MAX_API_TOKEN_DAYS} days`),
});
export type TCreateApiToken = z.infer<typeof ZCreateApiToken>;

export const ZRevokeApiToken = z.object({ tokenId: z.uuid("not a token id") });
