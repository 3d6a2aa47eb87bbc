import { z } from "zod";
import { zPageNumber } from "@/lib/schemas/page-number-param";
import { hasControlCharacter } from "@/lib/schemas/has-control-character";
import { parseQueryParams, type QueryParams } from "@/lib/schemas/query-params";

export const ACCOUNT_SORTS = [
  "name",
  "id",
  "owner",
  "ou",
  "score",
  "change",
  "coverage",
  "critical",
  "high",
  "freshness",
  "status",
] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];
export const ACCOUNT_HEALTH = ["errors", "stale", "ok"] as const;
/** Not collected for longer than this (or never) is stale: the overview's tile and the list's filter share it. */
export const STALE_AFTER_HOURS = 24;

/**
 * Rows per page of the accounts list (server-side paging: the render is bounded by this, not
 * by the accounts). 25, the default of the AWS consoles and most tools: each row carries its
 * tags editor and actions, so the page's size and render grow with this number; 10 to 200 are
 * offered next to the pager (`size` in the URL), and the CSV export has every account.
 */
export const ACCOUNT_PAGE_SIZE = 25;
export const ACCOUNT_PAGE_SIZE_MAX = 200;
export const ACCOUNT_PAGE_SIZES = [10, 25, 50, 100, 200] as const;
/** Rows per page of "Known from imported records only" (its own pager, `rpage` in the URL). */
export const RECORDS_ONLY_PAGE_SIZE = 25;
/** At most this many choices in the tag and OU filters: the most used ones (the others are a link in their rows). */
export const FILTER_CHOICES_MAX = 30;
/** At most this many suggested discovery sources (any account id can be typed). */
export const DISCOVERY_CANDIDATES_MAX = 8;
const SIZE_MESSAGE = `must be a whole number from 1 to ${ACCOUNT_PAGE_SIZE_MAX} (the CSV export has every account)`;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const blank = (value: unknown) => {
  const single = first(value);
  return typeof single === "string" && single.trim() === "" ? undefined : single;
};

const oneOf = (values: readonly string[]) => `must be one of ${values.join(", ")}`;
const ACCOUNT_STATUSES = ["pending", "active", "unreachable", "disabled"] as const;

/**
 * The accounts list's filters and sort, as they appear in the URL (and the CSV export's URL).
 * A bad value is refused with a message naming the parameter, not dropped: a dropped
 * `health=` or `tag=` would list (or export) every account as if they were the ones asked for.
 * In lib (not the page's folder) because the query that applies them, findAccountListPage,
 * is below app/.
 */
export const ZAccountListParams = z.object({
  q: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .max(200, "must be at most 200 characters")
      .refine((value) => !hasControlCharacter(value), "must not contain control characters")
      .optional(),
  ),
  status: z.preprocess(blank, z.enum(ACCOUNT_STATUSES, { error: oneOf(ACCOUNT_STATUSES) }).optional()),
  health: z.preprocess(blank, z.enum(ACCOUNT_HEALTH, { error: oneOf(ACCOUNT_HEALTH) }).optional()),
  /** `key=value`, exact match on one tag. */
  tag: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[^=]{1,128}=.{0,256}$/, "a tag filter is key=value")
      // AWS tags hold no control characters, and a NUL would fail the audited export's jsonb detail.
      .refine((value) => !hasControlCharacter(value), "must not contain control characters")
      .optional(),
  ),
  /** An OU id or path prefix: the accounts in that OU or below it. */
  ou: z.preprocess(
    blank,
    z
      .string()
      .regex(
        /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[0-9a-z]{8,32})(\/ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}){0,5}$/,
        "must be an OU id (ou-xxxx-xxxxxxxx), a root id (r-xxxx) or a path of them",
      )
      .optional(),
  ),
  sort: z.preprocess(blank, z.enum(ACCOUNT_SORTS, { error: oneOf(ACCOUNT_SORTS) }).default("name")),
  dir: z.preprocess(blank, z.enum(["asc", "desc"], { error: oneOf(["asc", "desc"]) }).default("asc")),
  /** The page shown (past the last one shows the last one); the CSV export ignores it and exports the whole filtered set. */
  page: zPageNumber,
  /** Rows per page, capped: the page size is what bounds the render. */
  size: z.preprocess(
    blank,
    z.coerce
      .number({ error: SIZE_MESSAGE })
      .int(SIZE_MESSAGE)
      .min(1, SIZE_MESSAGE)
      .max(ACCOUNT_PAGE_SIZE_MAX, SIZE_MESSAGE)
      .default(ACCOUNT_PAGE_SIZE),
  ),
  /** The page of "Known from imported records only" (its own pager; past the last one shows the last one). */
  rpage: zPageNumber,
});
export type TAccountListParams = z.infer<typeof ZAccountListParams>;

/** Reads the list's parameters (first value wins, others ignored); throws an INVALID_INPUT AppError naming each bad one. */
export function parseAccountListParams(params: QueryParams): TAccountListParams {
  return parseQueryParams(ZAccountListParams, params);
}
