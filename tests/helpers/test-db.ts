import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

// A clean database for one test file, built from the real migrations: an in-memory PGlite database, or a
// fresh PostgreSQL database created next to TEST_DATABASE_URL and dropped afterwards.

export type TestDatabase = DatabaseHandle & { name: string; url?: string; destroy: () => Promise<void> };

export const testDbKind = (): "pglite" | "postgres" =>
  process.env.TEST_DB_KIND === "postgres" ? "postgres" : "pglite";

/** `migrationsFolder`: another set of migrations (a test of an upgrade starts from an older set). */
export async function createTestDatabase(opts: { migrationsFolder?: string } = {}): Promise<TestDatabase> {
  if (testDbKind() === "pglite") {
    const handle = await openDatabase({ dataDir: "memory://" });
    await migrateDatabase(handle, opts.migrationsFolder);
    return { ...handle, name: "memory", destroy: handle.close };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is required for the postgres test project");
  const name = `portal_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), max: 4 });
  await migrateDatabase(handle, opts.migrationsFolder);
  return {
    ...handle,
    name,
    url: url.toString(),
    destroy: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
