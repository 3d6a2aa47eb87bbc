import { z } from "zod";
import { ZAccountId } from "@/lib/aws/account-id";
import { FINDING_STATUSES as ALL_FINDING_STATUSES, SEVERITY_LABELS as ALL_SEVERITY_LABELS, type SeverityLabel } from "@/lib/aws/normalise/types";
import { FINDING_SOURCES } from "@/lib/aws/sources";
import { decodeFindingsCursor } from "@/lib/data/findings/findings-cursor";
import { parseQueryParams, type QueryParams } from "@/lib/schemas/query-params";
import { hasControlCharacter } from "@/lib/schemas/has-control-character";

export { FINDING_SOURCES };
/** Most severe first: the order the filter offers them in. */
export const SEVERITY_LABELS: readonly SeverityLabel[] = [...ALL_SEVERITY_LABELS].reverse();
export const FINDING_STATUSES = [...ALL_FINDING_STATUSES, "all"] as const;
export const FINDING_SORTS = ["severity", "last_seen"] as const;

/** `?x=` with nothing typed is the same as no `x`. */
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const oneOf = (values: readonly string[]) => `must be one of ${values.join(", ")}`;
/**
 * Free text that reaches SQL as a parameter. PostgreSQL refuses a NUL byte in text (it
 * raised "invalid byte sequence" as a 500), and no title or type holds control characters.
 */
const optionalText = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(max, `must be at most ${max} characters`)
      .refine((value) => !hasControlCharacter(value), "must not contain control characters")
      .optional(),
  );
const flag = z.preprocess(
  blankToUndefined,
  z
    .enum(["1", "true", "0", "false"], { error: "must be 1, true, 0 or false" })
    .optional()
    .transform((value) => value === "1" || value === "true"),
);
const cursor = z.preprocess(blankToUndefined, z.string().optional());

/**
 * The findings explorer's filters and page cursor, as they appear in the URL (the page,
 * the CSV export and /api/v1/findings read the same URL). Bad input is refused with a
 * message naming the parameter, never guessed around: silently dropping a misspelt
 * severity would show (or export) every severity as if it were the one asked for.
 */
export const ZFindingFilters = z
  .object({
    account: z.preprocess(blankToUndefined, ZAccountId.optional()),
    source: z.preprocess(blankToUndefined, z.enum(FINDING_SOURCES, { error: oneOf(FINDING_SOURCES) }).optional()),
    severity: z.preprocess(
      (value) => (typeof value === "string" ? blankToUndefined(value.toUpperCase()) : value),
      z.enum(ALL_SEVERITY_LABELS, { error: oneOf(SEVERITY_LABELS) }).optional(),
    ),
    status: z.preprocess(blankToUndefined, z.enum(FINDING_STATUSES, { error: oneOf(FINDING_STATUSES) }).default("active")),
    control: optionalText(64),
    type: optionalText(200),
    region: z.preprocess(blankToUndefined, z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region looks like eu-west-1").optional()),
    q: optionalText(200),
    /** Show Security Hub's copies of GuardDuty findings too (hidden: the GuardDuty record is the finding). */
    copies: flag,
    /** Show Security Hub control results that PASSED (hidden: they are not problems). */
    passed: flag,
    sort: z.preprocess(blankToUndefined, z.enum(FINDING_SORTS, { error: oneOf(FINDING_SORTS) }).default("severity")),
    /** Keyset cursors of the next / previous page, as the explorer wrote them for this sort order. */
    after: cursor,
    before: cursor,
  })
  .superRefine((filters, context) => {
    if (filters.after && filters.before) context.addIssue({ code: "custom", path: ["before"], message: "give after or before, not both" });
    for (const key of ["after", "before"] as const) {
      const value = filters[key];
      if (value && !decodeFindingsCursor(value, filters.sort)) {
        context.addIssue({ code: "custom", path: [key], message: "is not a page cursor of this list (start again from the first page)" });
      }
    }
  });
export type TFindingFilters = z.infer<typeof ZFindingFilters>;

/**
 * Reads the filters from a page's `searchParams` or a request's URLSearchParams (first
 * value wins; unknown parameters are ignored). Throws an INVALID_INPUT AppError (400)
 * naming every bad parameter.
 */
export function parseFindingFilters(params: QueryParams): TFindingFilters {
  return parseQueryParams(ZFindingFilters, params);
}
