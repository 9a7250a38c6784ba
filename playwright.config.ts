import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

// End-to-end tests drive Debian's Chromium (never a downloaded browser) against the production build of the
// portal on a fresh database: scripts/e2e-server.ts prepares the database, builds into .next-e2e and serves.
// The database is PGlite in a temporary folder, or, when E2E_DATABASE_URL or DATABASE_URL is set, a scratch
// PostgreSQL database created next to that URL for this run and dropped afterwards.

// One temporary folder per run. This file is evaluated by the runner and again by every worker; workers
// inherit the runner's environment, so `??=` gives all of them the same folder.
process.env.E2E_RUN_DIR ??= mkdtempSync(join(tmpdir(), "portal-e2e-"));

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
const ci = !!process.env.CI;

/**
 * Settings of the portal under test (they reach `next start` through the webServer's environment; a variable
 * already set in the shell wins). Limits per booking reference keep the production defaults, low enough for a
 * spec to reach in a few requests, and every spec has its own references. Every browser here shares one IP
 * address, so the per-IP limit is raised to what a whole run needs; a spec that tests it must not share the run.
 */
const appEnv: Record<string, string> = {
  APP_ENV: "development",
  VERIFY_LIMIT_REF: process.env.VERIFY_LIMIT_REF ?? "10/15m,30/1d",
  VERIFY_LIMIT_IP: process.env.VERIFY_LIMIT_IP ?? "400/10m,4000/1d",
  VERIFY_LIMIT_GLOBAL: process.env.VERIFY_LIMIT_GLOBAL ?? "6000/1m",
  // Failed codes per client: every browser is 127.0.0.1, and the run's specs enter many wrong codes on purpose.
  // The per-person cap keeps its production default (e2e/adversarial.spec.ts reaches it).
  VERIFY_CODE_LIMIT_IP: process.env.VERIFY_CODE_LIMIT_IP ?? "2000/1h",
  TRUSTED_PROXY_HOPS: process.env.TRUSTED_PROXY_HOPS ?? "0",
};

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: true,
  forbidOnly: ci,
  // A failure must be fixed, not retried away: the fixtures give every test its own data, so reruns buy nothing.
  retries: 0,
  // CI has 2 cores, and one of them serves the portal.
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 7_500 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL,
    browserName: "chromium",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "en-CA",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      // The machine has no network but the loopback: without these Chromium keeps trying Google's services.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node_modules/.bin/tsx --conditions=react-server scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    env: { ...appEnv, E2E_PORT: String(port) },
    // Includes the production build (about 1–3 minutes on 2 cores).
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM lets the script stop the server, drop the scratch database and delete the run folder.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
