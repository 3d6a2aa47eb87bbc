import type { TFindingFilters } from "@/lib/data/findings/finding-filters";

/**
 * The URL query of a set of filters (defaults left out, so URLs stay short and shareable),
 * optionally with a page cursor.
 */
export function findingsQuery(filters: TFindingFilters, page: { after?: string | null; before?: string | null } = {}): string {
  const params = new URLSearchParams();
  if (filters.account) params.set("account", filters.account);
  if (filters.source) params.set("source", filters.source);
  if (filters.severity) params.set("severity", filters.severity);
  if (filters.status !== "active") params.set("status", filters.status);
  if (filters.control) params.set("control", filters.control);
  if (filters.type) params.set("type", filters.type);
  if (filters.region) params.set("region", filters.region);
  if (filters.q) params.set("q", filters.q);
  if (filters.copies) params.set("copies", "1");
  if (filters.passed) params.set("passed", "1");
  if (filters.sort !== "severity") params.set("sort", filters.sort);
  if (page.after) params.set("after", page.after);
  if (page.before) params.set("before", page.before);
  return params.toString();
}
