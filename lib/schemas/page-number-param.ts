import { z } from "zod";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/**
 * A page number in a URL (`page=3`): digits only, 0 to 100000, 0 when absent or blank.
 * Refused with a message, not defaulted: a link to page 7 that silently showed page 0
 * would look like page 7.
 */
export function zPageNumberParam() {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{1,6}$/, "must be a page number from 0")
      .transform(Number)
      .pipe(z.number().max(100_000, "must be at most 100000"))
      .default(0),
  );
}

export const PAGE_NUMBER_MESSAGE = "must be a whole number of 1 or more";

const blankSingle = (value: unknown) => {
  const single = Array.isArray(value) ? value[0] : value;
  return typeof single === "string" && single.trim() === "" ? undefined : single;
};

/**
 * A 1-based page number from the URL (the console's pagers), 1 when absent or blank. Anything
 * else (0, -1, "x", 1.5) is refused with this message, not defaulted: a link to page 7 that
 * quietly showed page 1 would look like page 7.
 */
export const zPageNumber = z.preprocess(
  blankSingle,
  z.coerce
    .number({ error: PAGE_NUMBER_MESSAGE })
    .int(PAGE_NUMBER_MESSAGE)
    .min(1, PAGE_NUMBER_MESSAGE)
    .max(1_000_000, PAGE_NUMBER_MESSAGE)
    .default(1),
);
