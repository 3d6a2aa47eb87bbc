import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/**
 * `COPY <target> FROM STDIN` in text format through pg-copy-streams, streaming `chunks` with
 * back-pressure; resolves to the number of rows copied. A failed COPY rejects, and the
 * caller's transaction rolls back as for any failed statement.
 */
export async function copyRows(client: pg.ClientBase, target: string, chunks: Iterable<Buffer> | AsyncIterable<Buffer>): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  await pipeline(Readable.from(chunks), stream);
  return stream.rowCount;
}

/** One value in COPY text format: \N for null; backslash, tab, newline and CR escaped. */
export function copyTextValue(value: string | number | null): string {
  if (value === null) return "\\N";
  if (typeof value === "number") return String(value);
  return value.replace(/[\\\t\n\r]/g, (char) => (char === "\\" ? "\\\\" : char === "\t" ? "\\t" : char === "\n" ? "\\n" : "\\r"));
}
