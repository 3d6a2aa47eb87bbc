#!/usr/bin/env node
// The `parapet` command. It runs the TypeScript sources directly through tsx, so the CLI,
// the workers and the simulator need no build step; only the console is built (Next.js).
const Module = require("node:module");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
process.chdir(root);

// `server-only` throws outside Next.js's react-server build; the CLI and workers are
// server code by definition, so it resolves to the package's no-op module here.
const emptyServerOnly = require.resolve("server-only/empty.js", { paths: [root] });
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveServerOnly(request, ...rest) {
  if (request === "server-only") return emptyServerOnly;
  return originalResolve.call(this, request, ...rest);
};

require("tsx/cjs/api").register();
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
