import { existsSync, readFileSync } from "node:fs";
import postgres from "postgres";
import { type RunDatabase, runPaths } from "./fixtures/run";

// Runs after the last test and before Playwright stops the web server. Drops the run's scratch PostgreSQL
// database even if the server script cannot (it also tries when it receives SIGTERM; `if exists` makes the
// second attempt harmless). The PGlite folder is deleted by the server script once the server has let go of it.
export default async function globalTeardown(): Promise<void> {
  const file = runPaths().database;
  if (!existsSync(file)) return;
  const database = JSON.parse(readFileSync(file, "utf8")) as RunDatabase;
  if (database.kind !== "postgres") return;
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${database.name}" with (force)`);
  } finally {
    await admin.end();
  }
}
