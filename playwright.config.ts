import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests drive Debian's Chromium (apt `chromium`; Playwright's own browser
 * download cannot run on air-gapped machines) against a real `parapet demo` started by
 * e2e/global-setup.ts on free ports and a throwaway data folder.
 */
export default defineConfig({
  testDir: "./e2e",
  testMatch: /.*\.spec\.ts$/,
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  outputDir: "test-results/e2e",
  use: {
    baseURL: process.env.PARAPET_E2E_BASE_URL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.PARAPET_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
});
