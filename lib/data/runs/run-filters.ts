import { z } from "zod";
import { ZAccountId } from "@/lib/aws/account-id";
import { decodeRunCursor } from "@/lib/data/runs/runs-cursor";
import { zPageNumber } from "@/lib/schemas/page-number-param";
import { parseQueryParams, type QueryParams } from "@/lib/schemas/query-params";

/** Run statuses and cursor-state filters of the collection page (kept here so this parser needs no database module). */
export const RUN_STATUSES = ["running", "succeeded", "partial", "failed"] as const;
export const CURSOR_STATES = ["ok", "disabled", "error"] as const;
/** A state, or `problems` (every state but ok), or `all`. */
export const CURSOR_FILTERS = ["problems", "all", ...CURSOR_STATES] as const;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const oneOf = (values: readonly string[]) => `must be one of ${values.join(", ")}`;

/** The collection page's URL: bad input is refused with a message naming the parameter (a 400), never a database error. */
export const ZRunFilters = z.object({
  account: z.preprocess(blankToUndefined, ZAccountId.optional()),
  status: z.preprocess(blankToUndefined, z.enum(RUN_STATUSES, { error: oneOf(RUN_STATUSES) }).optional()),
  cursor: z.preprocess(blankToUndefined, z.enum(CURSOR_FILTERS, { error: oneOf(CURSOR_FILTERS) }).default("problems")),
  after: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((value) => decodeRunCursor(value) !== null, "is not a page cursor of this list (start again from the newest runs)")
      .optional(),
  ),
  /** The page of "Latest run per account" (past the last one shows the last one). */
  lpage: zPageNumber,
  /** The page of "Source cursors" (past the last one shows the last one). */
  cpage: zPageNumber,
});
export type TRunFilters = z.infer<typeof ZRunFilters>;

/** Reads the collection page's parameters (first value wins, unknown ones ignored); throws an INVALID_INPUT AppError. */
export function parseRunFilters(params: QueryParams): TRunFilters {
  return parseQueryParams(ZRunFilters, params);
}
