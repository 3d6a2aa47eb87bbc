import { z } from "zod";
import { ZAccountId } from "@/lib/aws/account-id";

/**
 * Query parameters of the JSON API (/api/v1) beyond the explorer's filters, which
 * /api/v1/findings reads with the explorer's own parser (lib/data/findings/finding-filters.ts).
 * lib/api/openapi.test.ts checks the OpenAPI document lists exactly these.
 */
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const API_FINDINGS_DEFAULT_LIMIT = 100;
export const API_FINDINGS_MAX_LIMIT = 1000;

/** Page size of /api/v1/findings. */
export const ZApiFindingsPage = z.object({
  limit: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{1,4}$/, `must be a whole number from 1 to ${API_FINDINGS_MAX_LIMIT}`)
      .transform(Number)
      .pipe(z.number().min(1, "must be at least 1").max(API_FINDINGS_MAX_LIMIT, `must be at most ${API_FINDINGS_MAX_LIMIT}`))
      .default(API_FINDINGS_DEFAULT_LIMIT),
  ),
});

/** /api/v1/scores: every account's latest score, or one account's with its daily history. */
export const ZApiScoresQuery = z.object({
  account: z.preprocess(blankToUndefined, ZAccountId.optional()),
  days: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{1,3}$/, "must be a whole number from 1 to 365")
      .transform(Number)
      .pipe(z.number().min(1, "must be at least 1").max(365, "must be at most 365"))
      .default(30),
  ),
});

/** /api/v1/accounts takes no parameters (unknown ones are ignored, as everywhere). */
export const ZApiAccountsQuery = z.object({});
