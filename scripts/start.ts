import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { MigrationError } from "@/db/migrate";
import { prepareDatabase } from "./prepare-db";

// `npm start`: migrate (and load demo data on a first start), build once if there is no build yet, then serve.
// PORT picks the port (default 3000). `npm run build` forces a fresh build.

// No telemetry: the portal holds breached data and makes no calls home.
process.env.NEXT_TELEMETRY_DISABLED = "1";

try {
  await prepareDatabase();
} catch (err) {
  // A refused migration says what to do in one line; anything else keeps its stack.
  if (!(err instanceof MigrationError)) throw err;
  console.error(err.message);
  process.exit(1);
}

if (!existsSync(".next/BUILD_ID") || process.argv.includes("--build")) {
  console.error("Building the portal (first start only)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? "3000";
const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit" });
console.error(`Portal starting on http://localhost:${port}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
