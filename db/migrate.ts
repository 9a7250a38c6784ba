import "server-only";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, type DatabaseHandle } from "./client";

// Applies the committed drizzle-kit migrations (db/migrations) to PGlite or PostgreSQL.

const MIGRATIONS = resolve(process.cwd(), "db/migrations");
// Any constant: several instances starting together on PostgreSQL take turns instead of racing.
const MIGRATION_LOCK = 7_431_200;

export async function migrateDatabase(handle: DatabaseHandle, migrationsFolder = MIGRATIONS): Promise<void> {
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

/** True when the schema is at the latest migration (used by health checks). */
export async function hasSchema(handle: DatabaseHandle): Promise<boolean> {
  const [first] = rowsOf<{ ok: boolean }>(await handle.db.execute(sql`select to_regclass('public.people') is not null as ok`));
  return first?.ok === true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const handle = await openDatabase();
  try {
    await migrateDatabase(handle);
    console.error(`migrations applied (${handle.kind})`);
  } finally {
    await handle.close();
  }
}
