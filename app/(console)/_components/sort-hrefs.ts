import type { SortDirection } from "./sort-header";

/** Selecting a column's heading sorts by it: the other direction when it is the current sort, ascending otherwise. */
export function nextSortDirection<K extends string>(sort: { key: K; dir: SortDirection }, key: K): SortDirection {
  return sort.key === key && sort.dir === "asc" ? "desc" : "asc";
}

/**
 * Each sortable heading's link, made on the server for a client table (a function cannot be
 * passed to one), with the direction SortHeader would choose.
 */
export function sortHrefs<K extends string>(
  keys: readonly K[],
  sort: { key: K; dir: SortDirection },
  href: (key: K, dir: SortDirection) => string,
): Record<K, string> {
  return Object.fromEntries(keys.map((key) => [key, href(key, nextSortDirection(sort, key))])) as Record<K, string>;
}
