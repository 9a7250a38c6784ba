import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { logError } from "@/lib/log";

// Load-balancer health check: 200 when the database answers, 503 otherwise.
export async function GET() {
  try {
    await (await getDb()).execute(sql`select 1`);
    return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    logError("health", err);
    return Response.json({ status: "unavailable" }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
