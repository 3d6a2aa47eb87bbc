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

// The AWS SDK warns on every start that its releases after January 2027 need Node 22.
// Parapet pins its SDK versions (package-lock.json), so the warning says nothing about
// this install; the SDK's own switch turns it off.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
