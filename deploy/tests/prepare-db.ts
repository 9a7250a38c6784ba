import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { importBundle } from "@/lib/bundle/import";
import { seedTravellerPool } from "../../scripts/e2e-pool";

// The multi-instance tests' database (run with the react-server condition, as the CLIs are): the real migrations,
// the demo bundle through the real import, and the e2e fixture travellers (scripts/e2e-pool.ts), on the
// PostgreSQL database DATABASE_URL names, connected directly (migrations hold a session advisory lock, which
// PgBouncer in transaction mode cannot keep). Writes the travellers to the file named by the first argument.

const out = process.argv[2];
if (!out) throw new Error("usage: prepare-db.ts <state.json>");
const handle = await openDatabase();
try {
  await migrateDatabase(handle);
  await importBundle(handle, resolve("demo/bundle"), { skipInvalid: false });
  const [incident] = rowsOf<{ id: string }>(
    await handle.db.execute(sql`select id from incidents order by imported_at desc limit 1`),
  );
  if (!incident) throw new Error("the demo bundle created no incident");
  const travellers = await seedTravellerPool(handle.db, incident.id, 2);
  writeFileSync(out, JSON.stringify({ travellers }));
} finally {
  await handle.close();
}
