import { resolve } from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

// Brings the database up to date before the portal starts: applies migrations and, on a database that has
// no incident yet (a newcomer's first start), loads the project's demo bundle. Safe to run on every start.

export async function prepareDatabase(opts: { demo?: boolean } = {}): Promise<void> {
  const handle = await openDatabase();
  try {
    await migrateDatabase(handle);
    const [row] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from incidents`));
    if ((row?.n ?? 0) === 0 && opts.demo !== false && process.env.APP_ENV !== "production") {
      const { importBundle } = await import("@/lib/bundle/import");
      console.error("First start: loading the demo travellers (demo/bundle)…");
      const counts = await importBundle(handle, resolve(process.cwd(), "demo/bundle"), { skipInvalid: false });
      console.error(`Demo data loaded: ${JSON.stringify(counts)}`);
    }
    console.error(`Database ready (${handle.kind === "pglite" ? "embedded PGlite" : "PostgreSQL"}).`);
  } finally {
    await handle.close();
  }
}

if (process.argv[1]?.endsWith("prepare-db.ts")) {
  await prepareDatabase({ demo: !process.argv.includes("--no-demo") });
}
