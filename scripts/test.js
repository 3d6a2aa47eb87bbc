#!/usr/bin/env node
// `npm test`: every suite, in order: lint (ESLint, the layer rules), format (Prettier --check), unit (pure code), integration (real PostgreSQL, the
// real AWS SDK against the simulator over HTTP), end-to-end (Playwright in Debian's
// Chromium against `parapet demo`). All suites run even when one fails; the exit code is
// non-zero if any failed. Needs nothing running beforehand.
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const suites = [
  ["lint", bin("eslint"), ["."]],
  ["format", bin("prettier"), ["--check", "."]],
  ["unit", bin("vitest"), ["run", "--project", "unit"]],
  ["integration", bin("vitest"), ["run", "--project", "integration"]],
  ["e2e", bin("playwright"), ["test"]],
];
const only = process.argv.slice(2);
const results = [];
for (const [name, command, args] of suites) {
  if (only.length > 0 && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n=== ${name} tests ===`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "1" },
  });
  results.push({ name, ok: result.status === 0, seconds: (Date.now() - started) / 1000 });
}
console.log("\n=== summary ===");
for (const result of results) console.log(`${result.ok ? "PASS" : "FAIL"}  ${result.name.padEnd(12)} ${result.seconds.toFixed(1)} s`);
process.exit(results.every((result) => result.ok) ? 0 : 1);
