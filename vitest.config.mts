import path from "node:path";
import { fileURLToPath } from "node:url";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
import { defineConfig } from "vitest/config";

// Unit tests (`*.test.ts`) are pure and need nothing running. Integration tests
// (`*.int.test.ts`) get a real PostgreSQL from the global setup and start the AWS
// simulator themselves over HTTP. `server-only` is a Next.js marker that throws
// outside the react-server condition; tests and workers run outside Next.js.
const shared = {
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      "server-only": path.resolve(__dirname, "node_modules/server-only/empty.js"),
    },
  },
};

export default defineConfig({
  ...shared,
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          include: ["{lib,sim,workers,cli,app}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
        },
      },
      {
        ...shared,
        test: {
          name: "integration",
          include: ["{lib,sim,workers,cli,tests}/**/*.int.test.ts"],
          exclude: ["node_modules/**"],
          environment: "node",
          env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
          globalSetup: ["./tests/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
