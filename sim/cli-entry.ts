import { runSimCli } from "./main";

// Standalone entry (`node --import tsx sim/cli-entry.ts ...`) for tests and for running without bin/parapet.js.
runSimCli(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`parapet sim: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
