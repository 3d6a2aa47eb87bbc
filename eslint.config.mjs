// ESLint flat config. Besides a small set of correctness rules, it holds the layers that
// ARCHITECTURE.md describes (STYLE rule 23: layers held by lint, not by comments):
// - only lib/env.ts reads process.env (app, lib, workers, cli, sim, bench);
// - lib/ never imports app/, workers/, cli/ or sim/;
// - collectors never import ingest or data; the checklist imports neither the database nor AWS;
// - sim/ (a test double of AWS) is imported by no production path: only the CLI's demo and
//   sim commands, tests and benchmarks may start it.
// lib/lint-config.test.ts lints deliberate violations of each rule and expects each to fail.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/** A no-restricted-imports pattern group for `@/x/**` and its relative spellings. */
function banned(folders, message) {
  return folders.map((folder) => ({
    group: [`@/${folder}`, `@/${folder}/**`, `**/../${folder}`, `**/../${folder}/**`],
    message,
  }));
}

const LIB_LAYERS = banned(["app", "workers", "cli", "sim"], "lib/ is below app/, workers/, cli/ and sim/: it never imports them.");
const SIM_FROM_PRODUCTION = banned(["sim"], "sim/ is a test double of AWS: production code never imports it.");

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "lib/generated/**",
      "test-results/**",
      "playwright-report/**",
      "bench/results/**",
      ".data/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Playwright fixtures declare "no fixtures needed" as `async ({}, use)`.
    files: ["e2e/**/*.ts"],
    rules: { "no-empty-pattern": "off" },
  },
  {
    files: ["app/**/*.tsx"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["{app,lib,workers,cli,sim,bench}/**/*.{ts,tsx}"],
    ignores: ["lib/env.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read settings through lib/env.ts (zod-validated, one place)." },
      ],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: LIB_LAYERS }] },
  },
  {
    files: ["lib/aws/collectors/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...LIB_LAYERS,
            ...banned(
              ["lib/ingest", "lib/data", "lib/db"],
              "Collectors fetch and normalise; they never write: ingest and data are above them.",
            ),
          ],
        },
      ],
    },
  },
  {
    files: ["lib/checklist/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "pg", message: "The checklist is pure: no database." },
            { name: "graphile-worker", message: "The checklist is pure: no queue." },
          ],
          patterns: [
            ...LIB_LAYERS,
            ...banned(
              ["lib/db", "lib/pg", "lib/data", "lib/ingest", "lib/collect", "lib/aws/collectors", "lib/aws/context", "lib/aws/assume-role"],
              "The checklist is pure evaluation: it imports neither the database nor AWS.",
            ),
            {
              group: ["@aws-sdk/*", "@/lib/generated/**"],
              message: "The checklist is pure evaluation: it imports neither the database nor AWS.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "workers/**/*.ts", "proxy.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: SIM_FROM_PRODUCTION }] },
  },
  {
    files: ["cli/**/*.ts"],
    ignores: ["cli/commands/demo.ts", "cli/commands/sim.ts", "cli/main.ts", "cli/register-sim-accounts.ts", "**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: SIM_FROM_PRODUCTION }] },
  },
);
