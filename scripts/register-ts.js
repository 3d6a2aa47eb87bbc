// Lets Node run the project's TypeScript directly (CLI, workers, simulator, scripts):
// tsx compiles on load and resolves the `@/` paths of tsconfig.json. `server-only` throws
// outside Next.js's react-server build; outside Next.js all of this is server code, so it
// resolves to the package's no-op module.
const Module = require("node:module");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const emptyServerOnly = path.join(root, "node_modules/server-only/empty.js");
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveServerOnly(request, ...rest) {
  if (request === "server-only") return emptyServerOnly;
  return originalResolve.call(this, request, ...rest);
};
require("tsx/cjs/api").register();

// The AWS SDK warns on every start that releases after January 2027 need Node 22. Parapet
// pins its SDK versions (package-lock.json), so the warning says nothing about this install.
const originalEmitWarning = process.emitWarning;
process.emitWarning = function filterSdkNodeWarning(warning, ...rest) {
  const text = typeof warning === "string" ? warning : warning && warning.message;
  const type = typeof rest[0] === "string" ? rest[0] : rest[0] && rest[0].type;
  if (type === "NodeVersionSupportWarning" || (typeof text === "string" && text.includes("AWS SDK for JavaScript (v3)"))) return;
  return originalEmitWarning.call(process, warning, ...rest);
};
