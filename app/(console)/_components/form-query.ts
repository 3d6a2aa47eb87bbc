/**
 * The query a GET form submits, without its empty fields: a filter left blank is the
 * same as no filter (every page's parser reads `q=` as absent), so the URL a user
 * shares or bookmarks names only what was chosen, not `?q=&control=&type=...`.
 * Order and repeated names are kept as the form has them (a browser's own submission order).
 */
export function formQuery(entries: Iterable<[string, FormDataEntryValue]>): string {
  const query = new URLSearchParams();
  for (const [name, value] of entries) {
    // A file input has no place in a GET filter form; like a browser, it would submit the file's name.
    const text = typeof value === "string" ? value : value.name;
    if (text.trim() !== "") query.append(name, text);
  }
  return query.toString();
}
