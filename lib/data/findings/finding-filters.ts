import { z } from "zod";
import { ZAccountId } from "@/lib/aws/account-id";
import {
  FINDING_STATUSES as ALL_FINDING_STATUSES,
  SEVERITY_LABELS as ALL_SEVERITY_LABELS,
  type SeverityLabel,
} from "@/lib/aws/normalise/types";
import { FINDING_SOURCES } from "@/lib/aws/sources";

export { FINDING_SOURCES };
/** Most severe first: the order the filter offers them in. */
export const SEVERITY_LABELS: readonly SeverityLabel[] = [...ALL_SEVERITY_LABELS].reverse();
export const FINDING_STATUSES = [...ALL_FINDING_STATUSES, "all"] as const;
export const FINDING_SORTS = ["severity", "last_seen"] as const;

/** `?x=` with nothing typed is the same as no `x`. */
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional()).catch(undefined);
const flag = z.preprocess((value) => value === "1" || value === "true" || value === true, z.boolean()).catch(false);

/**
 * The findings explorer's filters, as they appear in the URL (and in the CSV export's
 * URL). A malformed value is ignored rather than failing the page: URLs get edited by hand.
 */
export const ZFindingFilters = z.object({
  account: z.preprocess(blankToUndefined, ZAccountId.optional()).catch(undefined),
  source: z.preprocess(blankToUndefined, z.enum(FINDING_SOURCES).optional()).catch(undefined),
  severity: z
    .preprocess((value) => (typeof value === "string" ? blankToUndefined(value.toUpperCase()) : value), z.enum(ALL_SEVERITY_LABELS).optional())
    .catch(undefined),
  status: z.preprocess(blankToUndefined, z.enum(FINDING_STATUSES).default("active")).catch("active"),
  control: optionalText(64),
  type: optionalText(200),
  region: z.preprocess(blankToUndefined, z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/).optional()).catch(undefined),
  q: optionalText(200),
  /** Show Security Hub's copies of GuardDuty findings too (hidden: the GuardDuty record is the finding). */
  copies: flag,
  /** Show Security Hub control results that PASSED (hidden: they are not problems). */
  passed: flag,
  sort: z.preprocess(blankToUndefined, z.enum(FINDING_SORTS).default("severity")).catch("severity"),
});
export type TFindingFilters = z.infer<typeof ZFindingFilters>;

/** Reads the filters from a page's `searchParams` or a request's URLSearchParams (first value wins). */
export function parseFindingFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): TFindingFilters {
  const entries: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    for (const key of params.keys()) entries[key] ??= params.get(key) ?? "";
  } else {
    for (const [key, value] of Object.entries(params)) {
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined) entries[key] = first;
    }
  }
  return ZFindingFilters.parse(entries);
}
