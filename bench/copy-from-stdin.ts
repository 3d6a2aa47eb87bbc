import type pg from "pg";

/**
 * `COPY ... FROM STDIN` over node-postgres without `pg-copy-streams` (not a dependency):
 * a custom Submittable. pg's Client hands the active query every backend message; on
 * CopyInResponse we stream the chunks through the connection's CopyData/CopyDone
 * messages, honouring socket back-pressure, and settle on ReadyForQuery or ErrorResponse.
 */

/** The parts of pg's internal Connection a Submittable uses (not in @types/pg). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

class CopyFromStdin implements pg.Submittable {
  readonly done: Promise<number>;
  private resolve!: (rows: number) => void;
  private reject!: (error: Error) => void;
  private rowCount = 0;
  private isSettled = false;

  constructor(
    private readonly sql: string,
    private readonly chunks: Iterable<Buffer>,
  ) {
    this.done = new Promise<number>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: unknown): void {
    (connection as CopyConnection).query(this.sql);
  }

  handleCopyInResponse(connection: unknown): void {
    void this.send(connection as CopyConnection);
  }

  handleCommandComplete(message: { text?: string }): void {
    const match = /COPY (\d+)/.exec(message.text ?? "");
    if (match) this.rowCount = Number(match[1]);
  }

  handleReadyForQuery(): void {
    this.settle(null);
  }

  handleError(error: Error): void {
    this.settle(error);
  }

  // pg calls these for any active query; COPY FROM sends none of them.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  private async send(connection: CopyConnection): Promise<void> {
    try {
      for (const chunk of this.chunks) {
        connection.sendCopyFromChunk(chunk);
        if (connection.stream.writableNeedDrain) {
          await new Promise<void>((resolve) => connection.stream.once("drain", () => resolve()));
        }
      }
      connection.endCopyFrom();
    } catch (error) {
      connection.sendCopyFail(error instanceof Error ? error.message : String(error));
    }
  }

  private settle(error: Error | null): void {
    if (this.isSettled) return;
    this.isSettled = true;
    if (error) this.reject(error);
    else this.resolve(this.rowCount);
  }
}

/** Runs `COPY <target> FROM STDIN` with text-format `chunks`; resolves to the rows copied. */
export async function copyFromStdin(client: pg.ClientBase, target: string, chunks: Iterable<Buffer>): Promise<number> {
  const copy = new CopyFromStdin(`COPY ${target} FROM STDIN`, chunks);
  client.query(copy);
  return copy.done;
}

/** One value in COPY text format: \N for null; backslash, tab, newline and CR escaped. */
export function copyTextValue(value: string | number | null): string {
  if (value === null) return "\\N";
  if (typeof value === "number") return String(value);
  return value.replace(/[\\\t\n\r]/g, (char) => (char === "\\" ? "\\\\" : char === "\t" ? "\\t" : char === "\n" ? "\\n" : "\\r"));
}
