/** Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

/**
 * A cell value that a spreadsheet shows as text: a value starting with a formula trigger
 * gets a leading single quote. Finding titles and resource ids come from AWS accounts
 * whose users we do not control, so an exported `=HYPERLINK(...)` must never run.
 */
export function neutraliseCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  if (text.length > 0 && FORMULA_TRIGGERS.has(text[0]!)) return `'${text}`;
  return text;
}
