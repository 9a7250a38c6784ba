import { defineConfig } from "@playwright/test";

// The multi-instance tests (deploy/tests): the production layout of deploy/ (nginx, two instances, PgBouncer, the
// worker, started by deploy/run.ts) on a scratch PostgreSQL database per spec file. One worker: each spec file
// owns its deployment and stops or restarts parts of it, so nothing else may share it.
//   npx playwright test -c deploy/playwright.config.ts
// DEPLOY_PORT picks the first of the ports the tests use (default 3400; each spec takes 20 from there).

export default defineConfig({
  testDir: "./tests",
  testMatch: "**/*.spec.ts",
  outputDir: "../test-results/deploy",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalSetup: "./tests/global-setup.ts",
  use: {
    browserName: "chromium",
    trace: "retain-on-failure",
    locale: "en-CA",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
    },
  },
});
