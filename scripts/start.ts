import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { exitOnRefusedMigration } from "@/db/migrate";
import { prepareDatabase } from "./prepare-db";

// `npm start`: migrate (and load demo data on a first start), build if there is no build or the code is newer
// than it, then serve.
// PORT picks the port (default 3000). `npm run build` forces a fresh build.

// No telemetry: the portal holds breached data and makes no calls home.
process.env.NEXT_TELEMETRY_DISABLED = "1";

await exitOnRefusedMigration(() => prepareDatabase());

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

const port = process.env.PORT ?? "3000";
const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit" });
console.error(`Portal starting on http://localhost:${port}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
