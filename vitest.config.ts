import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

// Unit and integration tests run against PGlite always, and against PostgreSQL too when TEST_DATABASE_URL is
// set: one vitest project per database. Each test file gets a clean database from the real migrations
// (tests/helpers/test-db.ts).
const shared = {
  alias: {
    "@": resolve(import.meta.dirname),
    // "server-only" throws outside React Server Components; tests import server modules directly.
    "server-only": resolve(import.meta.dirname, "tests/helpers/empty.ts"),
  },
};

const projects = [
  {
    resolve: shared,
    test: {
      name: "pglite",
      include: ["tests/**/*.test.ts"],
      env: { TEST_DB_KIND: "pglite", APP_ENV: "test", PASSWORD_HASH_TEST_N: "1024" },
      testTimeout: 60_000,
      hookTimeout: 120_000,
      // next-auth imports "next/server" without an extension, which Node's own ESM resolver refuses: let Vite resolve it.
      server: { deps: { inline: ["next-auth"] } },
    },
  },
];
if (process.env.TEST_DATABASE_URL) {
  projects.push({
    resolve: shared,
    test: {
      name: "postgres",
      include: ["tests/**/*.test.ts"],
      env: { TEST_DB_KIND: "postgres", APP_ENV: "test", PASSWORD_HASH_TEST_N: "1024" },
      testTimeout: 60_000,
      hookTimeout: 120_000,
      // next-auth imports "next/server" without an extension, which Node's own ESM resolver refuses: let Vite resolve it.
      server: { deps: { inline: ["next-auth"] } },
    },
  });
}

export default defineConfig({
  resolve: shared,
  test: { projects, pool: "forks", fileParallelism: true, maxWorkers: 2 },
});
