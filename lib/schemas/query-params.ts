import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** A page's `searchParams` or a request's URLSearchParams. */
export type QueryParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** Query parameters and zod issues as one line a person can act on: `severity: must be one of ...; q: ...`. */
export function describeQueryIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues.map((issue) => `${issue.path.map(String).join(".") || "query"}: ${issue.message}`).join("; ");
}

/**
 * Each parameter of a page's `searchParams` or a request's URLSearchParams: every value of
 * a `multi` key (a multi-select filter, `severity=HIGH&severity=LOW`), the first value of
 * any other key (so a repeated single-valued parameter cannot smuggle a second meaning).
 */
export function queryValues(params: QueryParams, multi: readonly string[] = []): Record<string, string | string[]> {
  const entries: Record<string, string | string[]> = {};
  if (params instanceof URLSearchParams) {
    for (const key of params.keys()) entries[key] ??= multi.includes(key) ? params.getAll(key) : (params.get(key) ?? "");
  } else {
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) continue;
      if (multi.includes(key)) entries[key] = Array.isArray(value) ? value : [value];
      else {
        const first = Array.isArray(value) ? value[0] : value;
        if (first !== undefined) entries[key] = first;
      }
    }
  }
  return entries;
}

/**
 * Parses query parameters with a zod schema (every value of the `multi` keys, the first
 * of the others); bad input throws an INVALID_INPUT AppError (400) whose message names
 * every bad parameter.
 */
export function parseQueryParams<T>(schema: z.ZodType<T>, params: QueryParams, options: { multi?: readonly string[] } = {}): T {
  const parsed = schema.safeParse(queryValues(params, options.multi));
  if (!parsed.success) throw new AppError("INVALID_INPUT", describeQueryIssues(parsed.error.issues), parsed.error.issues);
  return parsed.data;
}
