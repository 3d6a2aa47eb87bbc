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
