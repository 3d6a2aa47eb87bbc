import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** A page's `searchParams` or a request's URLSearchParams. */
export type QueryParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** Query parameters and zod issues as one line a person can act on: `severity: must be one of ...; q: ...`. */
export function describeQueryIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues.map((issue) => `${issue.path.map(String).join(".") || "query"}: ${issue.message}`).join("; ");
}

/** First value of each parameter of a page's `searchParams` or a request's URLSearchParams. */
export function firstValues(params: QueryParams): Record<string, string> {
  const entries: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    for (const key of params.keys()) entries[key] ??= params.get(key) ?? "";
  } else {
    for (const [key, value] of Object.entries(params)) {
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined) entries[key] = first;
    }
  }
  return entries;
}

/**
 * Parses query parameters (first value of each) with a zod schema; bad input throws an
 * INVALID_INPUT AppError (400) whose message names every bad parameter.
 */
export function parseQueryParams<T>(schema: z.ZodType<T>, params: QueryParams): T {
  const parsed = schema.safeParse(firstValues(params));
  if (!parsed.success) throw new AppError("INVALID_INPUT", describeQueryIssues(parsed.error.issues), parsed.error.issues);
  return parsed.data;
}
