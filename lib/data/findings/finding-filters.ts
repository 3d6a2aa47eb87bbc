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
/** Every column the explorer sorts by (find-findings.ts maps each to its SQL expression and keyset type). */
export const FINDING_SORTS = ["severity", "last_seen", "first_seen", "title", "account", "region", "source", "control", "resource", "status"] as const;
export const SORT_DIRECTIONS = ["desc", "asc"] as const;
/** Bounds one URL's IN lists (500 accounts fit). */
const MAX_VALUES = 500;

/** `?x=` with nothing typed is the same as no `x`. */
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional()).catch(undefined);
const flag = z.preprocess((value) => value === "1" || value === "true" || value === true, z.boolean()).catch(false);

/**
 * A multi-select filter: repeated parameters (`severity=HIGH&severity=CRITICAL`) or one
 * comma-separated value; each value that does not fit is dropped on its own, duplicates
 * collapse, order is the schema's (so equal selections give equal URLs).
 */
function multi<T extends string>(item: z.ZodType<T>, normalise: (value: string) => string = (value) => value) {
  return z.preprocess(
    (value) => {
      const values = (Array.isArray(value) ? value : value === undefined ? [] : [value])
        .flatMap((entry) => (typeof entry === "string" ? entry.split(",") : []))
        .map((entry) => normalise(entry.trim()))
        .filter((entry) => entry !== "" && item.safeParse(entry).success);
      return [...new Set(values)].sort().slice(0, MAX_VALUES);
    },
    z.array(item),
  ).catch([]);
}

/**
 * The findings explorer's filters, as they appear in the URL (and in the CSV export's
 * URL). A malformed value is ignored rather than failing the page: URLs get edited by hand.
 * This is the one parser of explorer filters (page, export, and whatever else reads them).
 */
export const ZFindingFilters = z.object({
  account: multi(ZAccountId),
  source: multi(z.enum(FINDING_SOURCES)),
  severity: multi(z.enum(ALL_SEVERITY_LABELS), (value) => value.toUpperCase()),
  status: z.preprocess(blankToUndefined, z.enum(FINDING_STATUSES).default("active")).catch("active"),
  control: optionalText(64),
  type: optionalText(200),
  region: multi(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/)),
  q: optionalText(200),
  /** Show Security Hub's copies of GuardDuty findings too (hidden: the GuardDuty record is the finding). */
  copies: flag,
  /** Show Security Hub control results that PASSED (hidden: they are not problems). */
  passed: flag,
  sort: z.preprocess(blankToUndefined, z.enum(FINDING_SORTS).default("severity")).catch("severity"),
  dir: z.preprocess(blankToUndefined, z.enum(SORT_DIRECTIONS).default("desc")).catch("desc"),
});
export type TFindingFilters = z.infer<typeof ZFindingFilters>;

const MULTI_KEYS = new Set(["account", "source", "severity", "region"]);

/**
 * Reads the filters from a page's `searchParams` or a request's URLSearchParams: every
 * value of a multi-select key, the first value of any other key.
 */
export function parseFindingFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): TFindingFilters {
  const entries: Record<string, string | string[]> = {};
  if (params instanceof URLSearchParams) {
    for (const key of params.keys()) entries[key] ??= MULTI_KEYS.has(key) ? params.getAll(key) : (params.get(key) ?? "");
  } else {
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) continue;
      if (MULTI_KEYS.has(key)) entries[key] = value;
      else {
        const first = Array.isArray(value) ? value[0] : value;
        if (first !== undefined) entries[key] = first;
      }
    }
  }
  return ZFindingFilters.parse(entries);
}
