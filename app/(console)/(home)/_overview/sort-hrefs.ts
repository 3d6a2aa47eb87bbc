/**
 * Each sortable heading's link, made on the server for a client table (a function cannot be
 * passed to one): the table sorted by that key, the other direction when it is the current
 * sort, ascending otherwise (as SortHeader does).
 */
export function sortHrefs<K extends string>(
  keys: readonly K[],
  sort: { key: K; dir: "asc" | "desc" },
  href: (key: K, dir: "asc" | "desc") => string,
): Record<K, string> {
  return Object.fromEntries(keys.map((key) => [key, href(key, sort.key === key && sort.dir === "asc" ? "desc" : "asc")])) as Record<
    K,
    string
  >;
}
