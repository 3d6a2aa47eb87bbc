import http from "node:http";
import type { AddressInfo } from "node:net";
import { pipeToNodeResponse } from "next/dist/server/pipe-readable";
import { afterEach, describe, expect, test } from "vitest";
import { createCsvStream, type CsvBatch } from "@/lib/csv/create-csv-stream";

/**
 * Serves a stream over real HTTP the way `next start` does (Next.js's own
 * pipeToNodeResponse into a node:http response) and reads it with fetch, so the test sees
 * what a client sees when the export fails after the headers went out.
 */
let server: http.Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function serve(makeStream: () => ReadableStream<Uint8Array>): Promise<string> {
  server = http.createServer((_request, response) => {
    response.statusCode = 200;
    response.setHeader("Content-Type", "text/csv; charset=utf-8");
    void pipeToNodeResponse(makeStream(), response).catch(() => {});
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const header = ["id", "title"];

describe("createCsvStream", () => {
  test("streams the header, the first batch and every next batch, then ends normally", async () => {
    const batches: Record<string, CsvBatch> = { b: { rows: [["2", "two"]], next: "c" }, c: { rows: [["3", "=cmd()"]], next: null } };
    const url = await serve(() =>
      createCsvStream(
        header,
        { rows: [["1", "one, with comma"]], next: "b" },
        async (cursor) => batches[cursor]!,
        () => {},
      ),
    );
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).toString("utf8")).toBe(
      '\uFEFFid,title\r\n1,"one, with comma"\r\n2,two\r\n3,\'=cmd()\r\n',
    );
  });

  test("a batch that fails after the headers were sent aborts the response: the client gets an error, not a short file", async () => {
    const errors: unknown[] = [];
    const url = await serve(() =>
      createCsvStream(
        header,
        { rows: [["1", "one"]], next: "b" },
        async () => {
          throw new Error("connection to the database lost");
        },
        (error) => errors.push(error),
      ),
    );
    const response = await fetch(url);
    expect(response.status).toBe(200);
    // fetch's body read rejects ("terminated") because the chunked response never ends.
    await expect(response.arrayBuffer()).rejects.toThrow();
    expect(errors).toHaveLength(1);
  });

  test("a single batch ends the stream without asking for more", async () => {
    let calls = 0;
    const url = await serve(() =>
      createCsvStream(
        header,
        { rows: [], next: null },
        async () => ((calls += 1), { rows: [], next: null }),
        () => {},
      ),
    );
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).toString("utf8")).toBe("\uFEFFid,title\r\n");
    expect(calls).toBe(0);
  });
});
