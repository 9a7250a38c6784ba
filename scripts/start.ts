import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "@/lib/env";
import { prepareDatabaseOrExit } from "./prepare-db";

// `npm start`: check the environment, migrate (and load demo data on a first start), build if there is no build
// or the code is newer than it, then serve (scripts/portal-server.ts).
// PORT picks the port (default 3000). `npm run build` forces a fresh build.

// No telemetry: the portal holds breached data and makes no calls home.
process.env.NEXT_TELEMETRY_DISABLED = "1";

// The environment first: production refuses to start on a missing setting (TRUSTED_PROXY_HOPS, the keys, SMTP).
try {
  parseEnv(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const appEnv = process.env.APP_ENV || "development";
if (appEnv !== "production") {
  const bar = "!".repeat(78);
  console.error(
    [
      bar,
      `!!  DEVELOPMENT MODE (APP_ENV=${appEnv}): not for real travellers.`,
      "!!  Mail stays in the development outbox (/dev/outbox, open to this machine only, off when SMTP_URL is",
      "!!  set), with every verification code in it. A deployment sets APP_ENV=production.",
      bar,
    ].join("\n"),
  );
}

// An unreachable database or a refused migration: one line that says what is wrong, and exit status 1.
await prepareDatabaseOrExit();

if (!existsSync(".next/BUILD_ID") || process.argv.includes("--build") || buildIsStale()) {
  console.error(
    existsSync(".next/BUILD_ID")
      ? "The code changed since the last build: building the portal again…"
      : "Building the portal (first start only)…",
  );
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/**
 * Whether any file the build is made from is newer than the build (after a pull, say): serving an old build
 * against newly migrated tables would fail at the first query.
 */
function buildIsStale(): boolean {
  const built = statSync(".next/BUILD_ID").mtimeMs;
  const newer = (path: string): boolean => {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return false;
    if (!st.isDirectory()) return st.mtimeMs > built;
    return readdirSync(path).some((name) => name !== "node_modules" && newer(join(path, name)));
  };
  return [
    "app",
    "components",
    "lib",
    "db",
    "public",
    "auth.ts",
    "proxy.ts",
    "next.config.ts",
    "package-lock.json",
  ].some(newer);
}

// The portal's own server around Next.js's handler (scripts/portal-server.ts: the client's socket address, request
// timeouts), in a process of its own: this one runs with the react-server condition, Next.js must not.
const port = process.env.PORT ?? "3000";
const server = spawn("node_modules/.bin/tsx", ["scripts/portal-server.ts", "--port", port], { stdio: "inherit" });
console.error(`Portal starting on http://localhost:${port}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
