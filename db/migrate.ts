import "server-only";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type DatabaseHandle, openDatabase } from "./client";

// Applies the committed drizzle-kit migrations (db/migrations) to PGlite or PostgreSQL.

const MIGRATIONS = resolve(process.cwd(), "db/migrations");
// Any constant: several instances starting together on PostgreSQL take turns instead of racing.
const MIGRATION_LOCK = 7_431_200;

/** A migration the database refused, with PostgreSQL's own message (drizzle wraps it in the failed query's text). */
export class MigrationError extends Error {}

/** The database's own error under drizzle's wrapping, when there is one (it carries a five-character SQLSTATE). */
function databaseError(err: unknown): Error | null {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return e;
  }
  return null;
}

/**
 * Runs a command's start-up work: a refused migration ends the process with its one-line message (what to do);
 * anything else is rethrown with its stack. For db:migrate, npm start and npm run dev.
 */
export async function exitOnRefusedMigration<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof MigrationError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

export async function migrateDatabase(handle: DatabaseHandle, migrationsFolder = MIGRATIONS): Promise<void> {
  try {
    await applyMigrations(handle, migrationsFolder);
  } catch (err) {
    // Only a refusal by the database gets the one-line treatment; anything else (no connection, a missing
    // journal, a bug) keeps its own error and stack.
    const refusal = databaseError(err);
    if (!refusal) throw err;
    throw new MigrationError(`the database refused a migration: ${refusal.message}`, { cause: err });
  }
}

async function applyMigrations(handle: DatabaseHandle, migrationsFolder: string): Promise<void> {
  if (handle.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // The PGlite client type differs per drizzle driver; the runtime object is the same.
    await migrate(handle.db as never, { migrationsFolder });
    return;
  }
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const reserved = await handle.client.reserve();
  try {
    await reserved`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(handle.db as never, { migrationsFolder });
  } finally {
    await reserved`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    reserved.release();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const handle = await openDatabase();
  try {
    await exitOnRefusedMigration(() => migrateDatabase(handle));
    console.error(`migrations applied (${handle.kind})`);
  } finally {
    await handle.close();
  }
}
