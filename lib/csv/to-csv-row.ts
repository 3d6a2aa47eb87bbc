import { neutraliseCell } from "@/lib/csv/neutralise-cell";

/**
 * One CSV line (RFC 4180, CRLF-terminated) of neutralised cells: a cell with a comma, a
 * quote or a line break is quoted, and its quotes are doubled.
 */
export function toCsvRow(values: readonly unknown[]): string {
  return `${values
    .map((value) => {
      const text = neutraliseCell(value);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(",")}\r\n`;
}
