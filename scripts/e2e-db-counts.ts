import { sql } from "drizzle-orm";
import { openDatabase, rowsOf } from "@/db/client";

// Prints the row counts of the bundle tables in the database the environment points at (DATABASE_URL or
// PGLITE_DIR) as one JSON line. .ci/run uses it to check that a refused import wrote nothing.
const handle = await openDatabase();
try {
  const [row] = rowsOf<Record<string, number>>(
    await handle.db.execute(sql`select
      (select count(*)::int from incidents) as incidents,
      (select count(*)::int from people) as people,
      (select count(*)::int from bookings) as bookings,
      (select count(*)::int from booking_passengers) as booking_passengers,
      (select count(*)::int from exposures) as exposures`),
  );
  console.log(JSON.stringify(row));
} finally {
  await handle.close();
}
