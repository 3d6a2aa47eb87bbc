/** An account's `tags` jsonb as key -> value; only string values survive (a tag is a key and a text value). */
export function toAccountTags(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
