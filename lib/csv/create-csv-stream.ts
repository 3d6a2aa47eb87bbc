import { toCsvRow } from "@/lib/csv/to-csv-row";

/** One batch of CSV rows and the cursor of the next (null: this was the last). */
export interface CsvBatch {
  rows: unknown[][];
  next: string | null;
}

/**
 * A CSV download streamed batch by batch: a BOM and the header with the first batch
 * (which the caller fetched before answering, so a failure there is still a proper error
 * status), then one batch per pull. A batch that fails after the headers went out *errors*
 * the stream: Next.js then aborts the response (no final chunk), so the client sees a
 * failed download instead of a file that ends quietly and looks complete. Every cell goes
 * through toCsvRow, which neutralises spreadsheet formulas.
 */
export function createCsvStream(
  header: readonly string[],
  first: CsvBatch,
  fetchNext: (cursor: string) => Promise<CsvBatch>,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = first.next;
  let isFirstSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!isFirstSent) {
        isFirstSent = true;
        controller.enqueue(encoder.encode(`\uFEFF${toCsvRow(header)}${first.rows.map(toCsvRow).join("")}`));
        if (next === null) controller.close();
        return;
      }
      try {
        const batch = await fetchNext(next!);
        if (batch.rows.length > 0) controller.enqueue(encoder.encode(batch.rows.map(toCsvRow).join("")));
        next = batch.next;
        if (next === null) controller.close();
      } catch (error) {
        onError(error);
        controller.error(error);
      }
    },
  });
}
