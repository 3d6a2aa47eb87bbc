import { z } from "zod";
import { hasControlCharacter } from "@/lib/schemas/has-control-character";
import { parseQueryParams, type QueryParams } from "@/lib/schemas/query-params";

/** Longer than any account name, id or owner e-mail a person would type to find one. */
export const ACCOUNT_SEARCH_MAX_LENGTH = 100;

/** Text to find accounts by: the picker's suggestions (`q`) and the findings explorer's search without JavaScript (`account_q`). */
export const ZAccountSearchText = z
  .string()
  .trim()
  .max(ACCOUNT_SEARCH_MAX_LENGTH, `must be at most ${ACCOUNT_SEARCH_MAX_LENGTH} characters`)
  // PostgreSQL refuses a NUL byte in text, and no name, id or owner holds a control character.
  .refine((value) => !hasControlCharacter(value), "must not contain control characters");

const ZAccountSearch = z.object({ q: ZAccountSearchText.default("") });

export type TAccountSearch = z.infer<typeof ZAccountSearch>;

/** `?q=` of the account picker's suggestions; blank or absent is every account (the first page of them). Bad input is a 400 AppError. */
export function parseAccountSearch(params: QueryParams): TAccountSearch {
  return parseQueryParams(ZAccountSearch, params);
}

const ZFindingsAccountSearch = z.object({ account_q: z.preprocess((value) => value ?? "", ZAccountSearchText) });

/**
 * The findings explorer's `?account_q=`: what was typed into its account picker when the
 * form was submitted without JavaScript (with it, the picker searches as typed and posts
 * nothing); the page then offers the matching accounts as checkboxes. Blank or absent is no
 * search (null); bad input is a 400 AppError naming `account_q`.
 */
export function parseFindingsAccountSearch(params: QueryParams): string | null {
  return parseQueryParams(ZFindingsAccountSearch, params).account_q || null;
}
