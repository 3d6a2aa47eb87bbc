#!/usr/bin/env node
// Generates the Prisma client into lib/generated (git-ignored) on `npm ci`.
// `prisma generate` needs no network, but the Prisma 7 CLI insists on resolving a native
// schema engine first; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies
// that check (generate never runs it). Migrations are SQL files applied by node-pg-migrate,
// so no engine is ever downloaded: Parapet installs in air-gapped networks.
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const result = spawnSync(
  process.execPath,
  [path.join(root, "node_modules/prisma/build/index.js"), "generate", "--schema", "prisma/schema.prisma"],
  { cwd: root, env, stdio: "inherit" },
);
if (result.status !== 0) {
  console.error("parapet: `prisma generate` failed (see above); the app cannot start without the generated client.");
  process.exit(result.status ?? 1);
}
