import type { TFindingFilters } from "@/lib/data/findings/finding-filters";

/**
 * The URL query of a set of filters (defaults left out, so URLs stay short and shareable;
 * a multi-select is one repeated parameter per value), optionally with a page cursor.
 */
export function findingsQuery(filters: TFindingFilters, page: { after?: string | null; before?: string | null } = {}): string {
  const params = new URLSearchParams();
  for (const account of filters.account) params.append("account", account);
  for (const source of filters.source) params.append("source", source);
  for (const severity of filters.severity) params.append("severity", severity);
  if (filters.status !== "active") params.set("status", filters.status);
  if (filters.control) params.set("control", filters.control);
  if (filters.type) params.set("type", filters.type);
  for (const region of filters.region) params.append("region", region);
  if (filters.q) params.set("q", filters.q);
  if (filters.copies) params.set("copies", "1");
  if (filters.passed) params.set("passed", "1");
  if (filters.sort !== "severity") params.set("sort", filters.sort);
  if (filters.dir !== "desc") params.set("dir", filters.dir);
  if (page.after) params.set("after", page.after);
  if (page.before) params.set("before", page.before);
  return params.toString();
}
