import { z } from "zod";
import { hasControlCharacter } from "@/lib/schemas/has-control-character";
import { parseQueryParams, type QueryParams } from "@/lib/schemas/query-params";

/** Longer than any account name, id or owner e-mail a person would type to find one. */
export const ACCOUNT_SEARCH_MAX_LENGTH = 100;

const ZAccountSearch = z.object({
  q: z
    .string()
    .trim()
    .max(ACCOUNT_SEARCH_MAX_LENGTH, `must be at most ${ACCOUNT_SEARCH_MAX_LENGTH} characters`)
    // PostgreSQL refuses a NUL byte in text, and no name, id or owner holds a control character.
    .refine((value) => !hasControlCharacter(value), "must not contain control characters")
    .default(""),
});

export type TAccountSearch = z.infer<typeof ZAccountSearch>;

/** `?q=` of the account picker's suggestions; blank or absent is every account (the first page of them). Bad input is a 400 AppError. */
export function parseAccountSearch(params: QueryParams): TAccountSearch {
  return parseQueryParams(ZAccountSearch, params);
}
