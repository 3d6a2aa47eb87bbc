#!/usr/bin/env node
// The `parapet` command. It runs the TypeScript sources directly through tsx, so the CLI,
// the workers and the simulator need no build step; only the console is built (Next.js).
const path = require("node:path");

const root = path.resolve(__dirname, "..");
// Paths the user types (e.g. `parapet import ./exports`) are relative to where they ran the
// command; `npm run` reports that folder as INIT_CWD. Everything else runs from the project.
process.env.PARAPET_INVOCATION_DIR ??= process.env.INIT_CWD || process.cwd();
process.chdir(root);
require(path.join(root, "scripts/register-ts.js"));

const { main } = require(path.join(root, "cli/main.ts"));
main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === "number") process.exitCode = code;
  },
  (error) => {
    console.error(`parapet: ${error && error.message ? error.message : String(error)}`);
    if (process.env.PARAPET_DEBUG) console.error(error);
    process.exit(1);
  },
);
